import { hasPorts, Protocol, PROTOCOLS } from '../model/port';
import { ConnectionSet, Range } from './connection-set';
import { Verdict } from './decide';
import { compareText } from './text-order';

/** netpol-analyzer's text for every connection. */
export const ALL_CONNECTIONS = 'All Connections';
/** netpol-analyzer's text for none. */
export const NO_CONNECTIONS = 'No Connections';
/** What marks connections allowed only for some L7 requests. */
export const L7_MARK = ' (L7)';

/**
 * A connection set as netpol-analyzer's `list` writes it (pkg/netpol/internal/common/
 * connectionset.go): `All Connections`, `No Connections`, or `PROTOCOL ports` items sorted as
 * strings and joined by ',' with each protocol's ranges joined by ',' (`TCP 80,443,UDP 53`).
 * Ours also covers ICMP (`ICMP 8` a type, `ICMP 3/4` a type and code), so All Connections also
 * means every ICMP type.
 */
export function connectionText(set: ConnectionSet): string {
  if (set.isAll()) return ALL_CONNECTIONS;
  if (set.isEmpty()) return NO_CONNECTIONS;
  return protocolItems(set).sort(compareText).join(',');
}

// Listing writes the text of a few verdicts on every line (Reachability interns them, and they never
// change): each is built once.
const verdictTexts = new WeakMap<Verdict, string>();

/** A verdict as text: its allowed connections, then those only some L7 requests may use, marked. */
export function verdictText(verdict: Verdict): string {
  let text = verdictTexts.get(verdict);
  if (text === undefined) {
    text = textOf(verdict);
    verdictTexts.set(verdict, text);
  }
  return text;
}

function textOf(verdict: Verdict): string {
  if (verdict.restricted.isEmpty()) return connectionText(verdict.allowed);
  const restricted = protocolItems(verdict.restricted).map((item) => item + L7_MARK);
  if (verdict.allowed.isEmpty()) return restricted.sort(compareText).join(',');
  return [...protocolItems(verdict.allowed), ...restricted].sort(compareText).join(',');
}

function protocolItems(set: ConnectionSet): string[] {
  return PROTOCOLS.flatMap((protocol) => {
    const ranges = set.rangesOf(protocol);
    return ranges.length === 0 ? [] : [`${protocol} ${rangesText(protocol, ranges)}`];
  });
}

/** A protocol's ranges: ports as `80` or `8000-8100`; ICMP as types and `type/code` pieces. */
export function rangesText(protocol: Protocol, ranges: readonly Range[]): string {
  const span = (start: number, end: number) => (start === end ? `${start}` : `${start}-${end}`);
  if (hasPorts(protocol)) return ranges.map(([start, end]) => span(start, end)).join(',');
  return ranges
    .flatMap(([start, end]) => {
      const pieces: string[] = [];
      let from = start;
      if (from % 256 !== 0) {
        const last = Math.min(end, from - (from % 256) + 255);
        pieces.push(`${from >> 8}/${span(from % 256, last % 256)}`);
        from = last + 1;
      }
      const wholeEnd = end % 256 === 255 ? end : end - (end % 256) - 1;
      if (from <= wholeEnd) pieces.push(span(from >> 8, wholeEnd >> 8));
      if (from <= end && wholeEnd < end) {
        const first = Math.max(from, end - (end % 256));
        pieces.push(`${end >> 8}/${span(first % 256, end % 256)}`);
      }
      return pieces;
    })
    .join(',');
}
