// Connection sets against a brute-force model, and their text as netpol-analyzer writes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionSet, Range } from '../../lib/analysis/connection-set';
import { connectionText, verdictText } from '../../lib/analysis/format';
import { Port } from '../../lib/model/port';

// Small port numbers keep the brute force cheap; the operations do not depend on the range.
const ranges = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 })).map(([start, length]): Range => [start, start + length]), { maxLength: 4 });
const set = fc.tuple(ranges, ranges).map(([tcp, udp]) => ConnectionSet.of('TCP', tcp).union(ConnectionSet.of('UDP', udp)));
const members = (value: ConnectionSet) => {
  const found = new Set<string>();
  for (const protocol of ['TCP', 'UDP'] as const) for (const [start, end] of value.rangesOf(protocol)) for (let port = start; port <= end; port++) found.add(`${protocol}/${port}`);
  return found;
};

describe('ConnectionSet', () => {
  it('unions, intersects and subtracts like the sets of their members', () => {
    fc.assert(
      fc.property(set, set, (a, b) => {
        const [x, y] = [members(a), members(b)];
        expect(members(a.union(b))).toEqual(new Set([...x, ...y]));
        expect(members(a.intersect(b))).toEqual(new Set([...x].filter((member) => y.has(member))));
        expect(members(a.subtract(b))).toEqual(new Set([...x].filter((member) => !y.has(member))));
        expect(a.isSubsetOf(b)).toBe([...x].every((member) => y.has(member)));
      }),
    );
  });

  it('has one canonical key per set, whatever ranges built it', () => {
    expect(ConnectionSet.of('TCP', [[80, 81], [82, 90], [85, 86]]).key).toBe(ConnectionSet.of('TCP', [[80, 90]]).key);
    expect(ConnectionSet.of('TCP', [[80, 80]]).equals(ConnectionSet.of('UDP', [[80, 80]]))).toBe(false);
  });

  it('reads model ports: numbers, ranges, every port of a protocol, ICMP types and codes', () => {
    expect(ConnectionSet.ofPort(Port.tcp(8000, 8100)).rangesOf('TCP')).toEqual([[8000, 8100]]);
    expect(ConnectionSet.ofPort(Port.all('SCTP')).rangesOf('SCTP')).toEqual([[1, 65535]]);
    expect(ConnectionSet.ofPort(Port.icmp(8)).rangesOf('ICMP')).toEqual([[2048, 2303]]);
    expect(ConnectionSet.ofPort(Port.icmp(3, 4)).rangesOf('ICMP')).toEqual([[772, 772]]);
    expect(() => ConnectionSet.ofPort(Port.tcp('http'))).toThrow(/named port "http" must be resolved/);
  });
});

describe('connection text (netpol-analyzer format)', () => {
  it('says All Connections and No Connections', () => {
    expect(connectionText(ConnectionSet.ALL)).toBe('All Connections');
    expect(connectionText(ConnectionSet.EMPTY)).toBe('No Connections');
  });

  it('lists protocols in alphabetical order, each with its ports and ranges joined by commas', () => {
    const set = ConnectionSet.of('UDP', [[9090, 9090]]).union(ConnectionSet.of('TCP', [[8080, 8081]])).union(ConnectionSet.of('SCTP', [[7070, 7070]]));
    expect(connectionText(set)).toBe('SCTP 7070,TCP 8080-8081,UDP 9090');
    expect(connectionText(ConnectionSet.of('TCP', [[80, 80], [443, 443]]))).toBe('TCP 80,443');
  });

  it('writes every port of a protocol as its full range, as netpol-analyzer does', () => {
    expect(connectionText(ConnectionSet.of('TCP', [[1, 65535]]))).toBe('TCP 1-65535');
  });

  it('writes TCP, UDP and SCTP in full but no ICMP as three ranges, not All Connections', () => {
    const noIcmp = ConnectionSet.ALL.subtract(ConnectionSet.ofPort(Port.icmp())).subtract(ConnectionSet.ofPort(Port.icmpv6()));
    expect(connectionText(noIcmp)).toBe('SCTP 1-65535,TCP 1-65535,UDP 1-65535');
  });

  it('writes ICMP as types and type/code pieces', () => {
    expect(connectionText(ConnectionSet.ofPort(Port.icmp(8)))).toBe('ICMP 8');
    expect(connectionText(ConnectionSet.ofPort(Port.icmp(3, 4)))).toBe('ICMP 3/4');
    expect(connectionText(ConnectionSet.ofPort(Port.icmpv6()))).toBe('ICMPv6 0-255');
    expect(connectionText(ConnectionSet.of('ICMP', [[3 * 256 + 4, 7 * 256 + 208]]))).toBe('ICMP 3/4-255,4-6,7/0-208');
  });

  it('marks connections only some L7 requests may use', () => {
    const verdict = { allowed: ConnectionSet.of('TCP', [[8080, 8080]]), restricted: ConnectionSet.of('TCP', [[80, 80]]) };
    expect(verdictText(verdict)).toBe('TCP 80 (L7),TCP 8080');
    expect(verdictText({ allowed: ConnectionSet.EMPTY, restricted: verdict.restricted })).toBe('TCP 80 (L7)');
  });
});
