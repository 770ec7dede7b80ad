import { hasPorts, Port, Protocol, PROTOCOLS } from '../model/port';

/** An inclusive range of ports (or of ICMP type*256+code values). */
export type Range = readonly [number, number];

/** The values each protocol ranges over: ports 1-65535, or ICMP type and code packed as type*256+code. */
export function universeOf(protocol: Protocol): Range {
  return hasPorts(protocol) ? [1, 65535] : [0, 65535];
}

/**
 * A set of connections: for each protocol, sorted disjoint ranges of ports (ICMP: type*256+code,
 * so one type with every code is one range). Immutable; `key` is canonical, so equal sets have
 * equal keys.
 */
export class ConnectionSet {
  /** No connections. */
  static readonly EMPTY = new ConnectionSet(PROTOCOLS.map(() => []));
  /** Every protocol on every port, type and code. */
  static readonly ALL = new ConnectionSet(PROTOCOLS.map((protocol) => [universeOf(protocol)]));

  /** A set of one protocol's ranges. */
  static of(protocol: Protocol, ranges: readonly Range[]): ConnectionSet {
    return new ConnectionSet(PROTOCOLS.map((candidate) => (candidate === protocol ? normalize(ranges) : [])));
  }

  /** The connections a model Port matches; named ports must be resolved by the caller (see resolvePort). */
  static ofPort(port: Port): ConnectionSet {
    if (!hasPorts(port.protocol)) {
      if (port.icmpType === undefined) return ConnectionSet.of(port.protocol, [universeOf(port.protocol)]);
      const base = port.icmpType * 256;
      return ConnectionSet.of(port.protocol, [port.icmpCode === undefined ? [base, base + 255] : [base + port.icmpCode, base + port.icmpCode]]);
    }
    if (port.port === undefined) return ConnectionSet.of(port.protocol, [universeOf(port.protocol)]);
    if (typeof port.port === 'string') throw new Error(`named port "${port.port}" must be resolved against a pod first`);
    return ConnectionSet.of(port.protocol, [[port.port, port.endPort ?? port.port]]);
  }

  /** The ranges of each protocol, in PROTOCOLS order. */
  readonly ranges: readonly (readonly Range[])[];
  /** A canonical text of the set, equal for equal sets. */
  readonly key: string;

  private constructor(ranges: readonly (readonly Range[])[]) {
    this.ranges = ranges;
    this.key = ranges.map((list) => list.map(([start, end]) => `${start}-${end}`).join(',')).join('|');
  }

  /** The ranges of one protocol. */
  rangesOf(protocol: Protocol): readonly Range[] {
    return this.ranges[PROTOCOLS.indexOf(protocol)];
  }

  isEmpty(): boolean {
    return this.ranges.every((list) => list.length === 0);
  }

  isAll(): boolean {
    return this.key === ConnectionSet.ALL.key;
  }

  equals(other: ConnectionSet): boolean {
    return this.key === other.key;
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return new ConnectionSet(this.ranges.map((list, index) => normalize([...list, ...other.ranges[index]])));
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return ConnectionSet.EMPTY;
    return new ConnectionSet(this.ranges.map((list, index) => intersectRanges(list, other.ranges[index])));
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    return new ConnectionSet(this.ranges.map((list, index) => subtractRanges(list, other.ranges[index])));
  }

  /** Whether every connection of this set is in `other`. */
  isSubsetOf(other: ConnectionSet): boolean {
    return this.subtract(other).isEmpty();
  }
}

function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const result: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = result[result.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else result.push([start, end]);
  }
  return result;
}

function intersectRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const result: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (start <= end) result.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return result;
}

function subtractRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const result: Range[] = [];
  for (const [start, end] of a) {
    let from = start;
    for (const [holeStart, holeEnd] of b) {
      if (holeEnd < from || holeStart > end) continue;
      if (holeStart > from) result.push([from, holeStart - 1]);
      from = Math.max(from, holeEnd + 1);
    }
    if (from <= end) result.push([from, end]);
  }
  return result;
}
