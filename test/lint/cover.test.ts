// ruleCovers is sound: whenever it says a rule covers another, removing the covered rule changes
// nothing the evaluator says (seeded fast-check over random rules and clusters), and the pieces
// (selectors, namespaces, ports) on hand-picked cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffReachability } from '../../lib/analysis/diff';
import { reach } from '../../lib/analysis/reach';
import { Peer, PolicyIntent, Port, Rule } from '../../lib';
import { rulePortsInclude } from '../../lib/lint/checks/check';
import { namespacesCover, ruleCovers, selectorCovers } from '../../lib/lint/cover';
import { allowRule } from '../support/arbitraries';
import { clusterArbitrary } from '../support/no-widening';

// A rule and one that matches at least as much: requirements dropped, peers or ports emptied, ranges widened.
function widened(rule: Rule): fc.Arbitrary<Rule> {
  const peer = (each: Peer): fc.Arbitrary<Peer> => {
    if (each.kind === 'pods') return fc.constantFrom<Peer>(each, { ...each, pods: { matchLabels: Object.fromEntries(Object.entries(each.pods.matchLabels ?? {}).slice(1)), matchExpressions: each.pods.matchExpressions } }, { kind: 'namespaces', namespaces: each.namespaces ?? 'all' });
    if (each.kind === 'cidr') return fc.constantFrom<Peer>(each, { kind: 'cidr', cidr: each.cidr });
    return fc.constant(each);
  };
  const port = (each: Port): fc.Arbitrary<Port> => fc.constantFrom<Port>(each, { protocol: each.protocol }, typeof each.port === 'number' ? { ...each, endPort: Math.min(65535, (each.endPort ?? each.port) + 10) } : each);
  return fc.record({
    peers: fc.oneof(fc.constant<Peer[]>([]), fc.tuple(...rule.peers.map(peer)).map((peers) => peers as Peer[])),
    ports: fc.oneof(fc.constant<Port[]>([]), fc.tuple(...rule.ports.map(port)).map((ports) => ports as Port[])),
    action: fc.constantFrom('allow' as const, 'deny' as const),
  }).map(({ peers, ports, action }) => ({ ...rule, peers: rule.peers.length === 0 ? [] : peers, ports: rule.ports.length === 0 ? [] : ports, action }));
}

const pair = allowRule.chain((covered) => fc.tuple(fc.oneof(widened(covered), allowRule), fc.constant(covered), fc.constantFrom('allow' as const, 'deny' as const)));

describe('ruleCovers', () => {
  it('is sound: a covered rule after its cover, removed, changes no connection', () => {
    let claimed = 0;
    fc.assert(
      fc.property(pair, clusterArbitrary, ([cover, covered, action], workloads) => {
        const rule = { ...covered, direction: cover.direction, action };
        fc.pre(ruleCovers(cover, rule));
        claimed++;
        const policy = (rules: Rule[]): PolicyIntent => ({ name: 'p', scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: [cover.direction], rules, order: 1 });
        const changes = diffReachability(reach([policy([cover, rule])], workloads), reach([policy([cover])], workloads));
        expect(changes.map((change) => `${change.source.name} => ${change.destination.name}`)).toEqual([]);
      }),
      { numRuns: 150, seed: 1313 },
    );
    expect(claimed).toBeGreaterThan(50);
  });

  it('compares selectors by their requirements', () => {
    expect(selectorCovers({ matchLabels: { app: 'web' } }, { matchLabels: { app: 'web', track: 'canary' } })).toBe(true);
    expect(selectorCovers({ matchLabels: { app: 'web', track: 'canary' } }, { matchLabels: { app: 'web' } })).toBe(false);
    expect(selectorCovers({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, { matchLabels: { app: 'web' } })).toBe(true);
    expect(selectorCovers({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, { matchLabels: { app: 'web' } })).toBe(false);
    expect(selectorCovers({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, { matchLabels: { app: 'web' } })).toBe(true);
    expect(selectorCovers({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, {})).toBe(false);
    // A label expression narrows the selector: only the same expression is implied.
    const adminOrBlue = { kind: 'or', operands: [{ kind: 'has', key: 'admin' }, { kind: 'compare', key: 'team', operator: '==', value: 'blue' }] } as const;
    expect(selectorCovers({ expression: adminOrBlue }, {})).toBe(false);
    expect(selectorCovers({ expression: adminOrBlue }, { matchLabels: { app: 'web' }, expression: adminOrBlue })).toBe(true);
    expect(selectorCovers({ matchLabels: { app: 'web' } }, { matchLabels: { app: 'web' }, expression: adminOrBlue })).toBe(true);
  });

  it('lets a rule with exceptPorts cover only rules that take out the same ports', () => {
    const rule = (exceptPorts?: Port[]): Rule => ({ direction: 'ingress', action: 'allow', peers: [], ports: [{ protocol: 'TCP' }], ...(exceptPorts && { exceptPorts }) });
    const admin: Port[] = [{ protocol: 'TCP', port: 'admin' }];
    expect(ruleCovers(rule(admin), rule())).toBe(false);
    expect(ruleCovers(rule(admin), rule(admin))).toBe(true);
    expect(ruleCovers(rule(), rule(admin))).toBe(true);
  });

  it('compares namespace selections by names and requirements', () => {
    expect(namespacesCover({ names: ['a', 'b'] }, { names: ['a'] })).toBe(true);
    expect(namespacesCover({ names: ['a'] }, { names: ['a', 'b'] })).toBe(false);
    expect(namespacesCover('all', undefined)).toBe(true);
    expect(namespacesCover(undefined, 'all')).toBe(false);
    expect(namespacesCover({ names: ['shop'] }, undefined)).toBe(false);
  });
});

describe('rulePortsInclude', () => {
  it('does not count a port that numbered exceptPorts take out', () => {
    const rule: Rule = { direction: 'egress', action: 'allow', peers: [], ports: [{ protocol: 'UDP' }], exceptPorts: [{ protocol: 'UDP', port: 50, endPort: 60 }] };
    expect(rulePortsInclude(rule, 'UDP', 53)).toBe(false);
    expect(rulePortsInclude(rule, 'UDP', 5353)).toBe(true);
    expect(rulePortsInclude({ ...rule, exceptPorts: undefined }, 'UDP', 53)).toBe(true);
  });
});
