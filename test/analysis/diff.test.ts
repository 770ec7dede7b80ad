// diffReachability compares the pods of both versions by groups of classes; this checks it
// against a comparison pair by pair, for random policy sets on random clusters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffReachability } from '../../lib/analysis/diff';
import { reach } from '../../lib/analysis/reach';
import { FEATURES, Feature, PolicyIntent } from '../../lib';
import { fixtureWorkloads } from '../../lib/testing';
import { clusterArbitrary, intentsArbitrary } from '../support/no-widening';

describe('diffReachability', () => {
  it('finds exactly the pairs whose connections differ, compared one by one', () => {
    let differing = 0;
    fc.assert(
      fc.property(intentsArbitrary(Object.keys(FEATURES) as Feature[]), intentsArbitrary(Object.keys(FEATURES) as Feature[]), clusterArbitrary, (first, second, workloads) => {
        const [before, after] = [reach(first, workloads), reach(second, workloads)];
        const found = diffReachability(before, after).map((change) => `${change.source.name} => ${change.destination.name}`);
        const expected: string[] = [];
        for (const source of before.sources) {
          for (const destination of before.destinations) {
            if (source.kind !== 'workload' || destination.kind !== 'workload' || source === destination) continue;
            const [old, now] = [before.connection(source, destination), after.connectionBetween(source, destination)];
            if (!now || !old.allowed.equals(now.allowed) || !old.restricted.equals(now.restricted)) expected.push(`${source.name} => ${destination.name}`);
          }
        }
        expect(found.filter((pair) => isPodPair(pair, before)).sort()).toEqual([...expected].sort());
        differing += expected.length;
      }),
      { numRuns: 150 },
    );
    // A property that never saw a difference would prove nothing.
    expect(differing).toBeGreaterThan(100);
  });
});

describe('diffReachability, one case', () => {
  it('finds a pair only the new version lets through, where both versions let the source reach few classes', () => {
    // `a/s` may reach b1 before, b1 and b2 after: rows open to few classes are followed, in both versions.
    const pods = Object.fromEntries(['a/s', 'b/b1', 'b/b2', 'b/b3', 'b/b4'].map((id) => [id, { labels: { app: id.split('/')[1] } }]));
    const workloads = fixtureWorkloads({ pods });
    const to = (app: string) => ({ kind: 'pods' as const, pods: { matchLabels: { app } }, namespaces: { names: ['b'] } });
    const intents = (apps: string[]): PolicyIntent[] => [
      { name: 'out', scope: { namespace: 'a' }, subject: { pods: { matchLabels: { app: 's' } } }, isolate: ['egress'], rules: [{ direction: 'egress', action: 'allow', peers: apps.map(to), ports: [] }] },
      ...['b1', 'b2', 'b3', 'b4'].map((app): PolicyIntent => ({ name: `in-${app}`, scope: { namespace: 'b' }, subject: { pods: { matchLabels: { app } } }, isolate: ['ingress'], rules: [{ direction: 'ingress', action: 'allow', peers: [], ports: [] }] })),
    ];
    const changes = diffReachability(reach(intents(['b1']), workloads), reach(intents(['b1', 'b2']), workloads));
    expect(changes.map((change) => `${change.kind} ${change.source.name} => ${change.destination.name}`)).toEqual(['added a/s[Deployment] => b/b2[Deployment]']);
  });
});

function isPodPair(pair: string, reachability: ReturnType<typeof reach>): boolean {
  const [source, destination] = pair.split(' => ');
  return reachability.workload(source) !== undefined && reachability.workload(destination) !== undefined;
}
