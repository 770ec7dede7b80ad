// diffReachability compares the pods of both versions by groups of classes; this checks it
// against a comparison pair by pair, for random policy sets on random clusters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffReachability } from '../../lib/analysis/diff';
import { reach } from '../../lib/analysis/reach';
import { FEATURES, Feature } from '../../lib';
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

function isPodPair(pair: string, reachability: ReturnType<typeof reach>): boolean {
  const [source, destination] = pair.split(' => ');
  return reachability.workload(source) !== undefined && reachability.workload(destination) !== undefined;
}
