import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Port, selectorMatches } from '../../../lib';
import { parseCidr } from '../../../lib/model/cidr';
import { namespacesMayOverlap, portsMayOverlap, rulesMayOverlap, selectorsMayOverlap } from '../../../lib/dialects/cilium/overlap';
import { selectorOver } from './arbitraries';

// Overlap must be sound: whatever it calls disjoint, nothing matches both. These properties check
// that against every distinct case (the label values a selector names, one other, and absence).
const KEYS = ['app', 'tier'];
const VALUES = ['a', 'b', 'c'];
const selector = selectorOver(KEYS, VALUES);
const labelSets: Record<string, string>[] = (() => {
  const choices = [undefined, ...VALUES, 'other'];
  return choices.flatMap((app) => choices.map((tier) => Object.fromEntries(Object.entries({ app, tier }).filter(([, value]) => value !== undefined)) as Record<string, string>));
})();

describe('overlap', () => {
  it('calls selectors disjoint only when no labels match both, and overlapping when some do', () => {
    fc.assert(
      fc.property(selector, selector, (a, b) => {
        const both = labelSets.some((labels) => selectorMatches(a, labels) && selectorMatches(b, labels));
        expect(selectorsMayOverlap(a, b)).toBe(both);
      }),
    );
  });

  it('decides namespaces by name and by labels', () => {
    expect(namespacesMayOverlap({ names: ['a', 'b'] }, { names: ['b'] })).toBe(true);
    expect(namespacesMayOverlap({ names: ['a'] }, { names: ['b'] })).toBe(false);
    expect(namespacesMayOverlap({ names: ['a'] }, { selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['a'] }] } })).toBe(false);
    expect(namespacesMayOverlap({ names: ['a'] }, { selector: { matchLabels: { team: 'x' } } })).toBe(true);
    expect(namespacesMayOverlap('all', { names: ['a'] })).toBe(true);
  });

  const transport = fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), length: fc.integer({ min: 0, max: 10 }) }).map(
    ({ protocol, port, length }): Port => ({ protocol, ...(port !== undefined && { port, ...(length > 0 && { endPort: port + length }) }) }),
  );
  it('calls ports disjoint only when no connection matches both', () => {
    const within = (port: Port, protocol: string, number: number) => port.protocol === protocol && (port.port === undefined || (number >= (port.port as number) && number <= (port.endPort ?? (port.port as number))));
    fc.assert(
      fc.property(transport, transport, (a, b) => {
        const both = ['TCP', 'UDP'].some((protocol) => Array.from({ length: 60 }, (_, n) => n + 1).some((n) => within(a, protocol, n) && within(b, protocol, n)));
        expect(portsMayOverlap(a, b)).toBe(both);
      }),
    );
    expect(portsMayOverlap(Port.tcp('http'), Port.tcp(80))).toBe(true);
    expect(portsMayOverlap(Port.icmp(8), Port.icmp(0))).toBe(false);
    expect(portsMayOverlap(Port.icmp(8), Port.icmp())).toBe(true);
  });

  const CIDRS: [string, string[]][] = [['10.0.0.0/8', []], ['10.0.0.0/8', ['10.1.0.0/16']], ['10.1.0.0/16', []], ['10.1.2.0/24', []], ['192.0.2.0/24', []], ['192.0.2.1/32', []], ['0.0.0.0/0', ['10.0.0.0/8']], ['2001:db8::/32', []], ['2001:db8::1/128', []]];
  it('calls CIDR peers disjoint only when no address is in both (excepts included)', () => {
    const ranges = CIDRS.flatMap(([cidr, except]) => [cidr, ...except]).map((text) => parseCidr(text) as Exclude<ReturnType<typeof parseCidr>, string>);
    const addresses = ranges.flatMap((range) => [range.first, range.last].map((value) => ({ family: range.family, value })));
    const contains = ([cidr, except]: [string, string[]], address: { family: number; value: bigint }) => {
      const inRange = (text: string) => {
        const range = parseCidr(text) as Exclude<ReturnType<typeof parseCidr>, string>;
        return range.family === address.family && range.first <= address.value && address.value <= range.last;
      };
      return inRange(cidr) && !except.some(inRange);
    };
    const rule = ([cidr, except]: [string, string[]]) => ({
      intent: { name: 'p', scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: [], rules: [] },
      index: 0,
      rule: { direction: 'ingress' as const, action: 'allow' as const, peers: [{ kind: 'cidr' as const, cidr, ...(except.length > 0 && { except }) }], ports: [] },
    });
    for (const a of CIDRS) {
      for (const b of CIDRS) {
        const both = addresses.some((address) => contains(a, address) && contains(b, address));
        // Sound: never disjoint when an address is in both.
        if (both) expect(rulesMayOverlap(rule(a), rule(b)), `${a} ${b}`).toBe(true);
      }
    }
    expect(rulesMayOverlap(rule(['10.1.2.0/24', []]), rule(['10.0.0.0/8', ['10.1.0.0/16']]))).toBe(false);
    expect(rulesMayOverlap(rule(['192.0.2.0/24', []]), rule(['10.0.0.0/8', []]))).toBe(false);
    // A single address overlaps itself and the range it lies in.
    expect(rulesMayOverlap(rule(['192.0.2.1/32', []]), rule(['192.0.2.1/32', []]))).toBe(true);
    expect(rulesMayOverlap(rule(['2001:db8::1/128', []]), rule(['2001:db8::1/128', []]))).toBe(true);
    expect(rulesMayOverlap(rule(['192.0.2.1/32', []]), rule(['192.0.2.2/32', []]))).toBe(false);
  });
});
