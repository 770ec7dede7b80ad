// The cover cluster tells apart policy sets that differ in any selector value, missing key,
// namespace label, named port or service account, which a fixed cluster could miss.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMeaning, comparisonSummary } from '../../lib/adopt/equivalence';
import { coverCluster, labelVariants } from '../../lib/adopt/cover-cluster';
import { LabelSelector, Labels, Peer, PolicyIntent, Port, Rule } from '../../lib';
import { labelSelector } from '../support/arbitraries';

const policy = (rules: Rule[], pods: PolicyIntent['subject']['pods'] = { matchLabels: { app: 'db' } }): PolicyIntent => ({
  name: 'p', scope: { namespace: 'shop' }, subject: { pods }, isolate: ['ingress'], rules,
});
const from = (peer: Peer, ports: Port[] = []): Rule => ({ direction: 'ingress', action: 'allow', peers: [peer], ports });
const differ = (before: PolicyIntent[], after: PolicyIntent[]) => compareMeaning(before, after)[0].changes.length;

describe('coverCluster', () => {
  it('has, per selector, labels that match and labels that do not (other values, a missing key)', () => {
    const variants = labelVariants([{ matchLabels: { app: 'web', tier: 'front' } }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }]);
    expect(variants).toEqual(expect.arrayContaining([{}, { app: 'web', tier: 'front' }, { tier: 'front' }, { app: 'api', tier: 'front' }, { app: 'cover-other', tier: 'front' }, { app: 'web' }]));
  });

  it('makes the variants its definition says, in the same order, however many selectors share a key', () => {
    // The definition, plainly: per selector, the labels it matches; per key it tests, those
    // labels without the key and with each value any selector names for the key, and one more.
    const byDefinition = (selectors: LabelSelector[]): Labels[] => {
      const values = (key: string) => [...new Set(selectors.flatMap((selector) => [
        ...Object.entries(selector.matchLabels ?? {}).filter(([name]) => name === key).map(([, value]) => value),
        ...(selector.matchExpressions ?? []).filter((expression) => expression.key === key).flatMap((expression) => expression.values ?? []),
      ]))];
      const all: Labels[] = [{}];
      for (const selector of selectors) {
        const matching: Record<string, string> = { ...selector.matchLabels };
        for (const expression of selector.matchExpressions ?? []) {
          if (expression.operator === 'In') matching[expression.key] = (expression.values ?? [])[0];
          if (expression.operator === 'Exists') matching[expression.key] = 'cover-other';
        }
        all.push(matching);
        const keys = new Set([...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)]);
        for (const key of keys) {
          all.push(Object.fromEntries(Object.entries(matching).filter(([name]) => name !== key)));
          for (const value of [...values(key), 'cover-other']) all.push({ ...matching, [key]: value });
        }
      }
      const text = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
      return all.filter((labels, index) => all.findIndex((other) => text(other) === text(labels)) === index).map((labels) => Object.fromEntries(Object.entries(labels).sort()));
    };
    const sorted = (variants: Labels[]) => variants.map((labels) => Object.fromEntries(Object.entries(labels).sort()));
    fc.assert(fc.property(fc.array(labelSelector, { maxLength: 8 }), (selectors) => {
      expect(sorted(labelVariants(selectors))).toEqual(byDefinition(selectors));
    }), { numRuns: 300 });
  });

  it('tells apart sets that differ in a pod label value, an expression, a namespace label, a named port, a service account', () => {
    expect(differ([policy([from(Peer.pods({ app: 'web' }))])], [policy([from(Peer.pods({ app: 'api' }))])])).toBeGreaterThan(0);
    expect(differ([policy([from(Peer.pods({ app: 'web' }))])], [policy([from(Peer.pods({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }))])])).toBeGreaterThan(0);
    expect(differ([policy([from(Peer.namespacesWithLabels({ team: 'a' }))])], [policy([from(Peer.namespacesWithLabels({ team: 'b' }))])])).toBeGreaterThan(0);
    expect(differ([policy([from(Peer.allNamespaces(), [Port.tcp('http')])])], [policy([from(Peer.allNamespaces(), [Port.tcp('metrics')])])])).toBeGreaterThan(0);
    expect(differ([policy([from(Peer.serviceAccount({ names: ['robot'] }))])], [policy([from(Peer.serviceAccount({ names: ['human'] }))])])).toBeGreaterThan(0);
    expect(differ([policy([], { matchLabels: { app: 'db' } })], [policy([], { matchLabels: { app: 'cache' } })])).toBeGreaterThan(0);
  });

  it('finds no difference between a set and itself, and names its pods by namespace', () => {
    const intents = [policy([from(Peer.pods({ app: 'web' }, ['front']), [Port.tcp(8080)])])];
    expect(differ(intents, intents)).toBe(0);
    expect(coverCluster(intents).namespaces.map((namespace) => namespace.name)).toEqual(['cover-ns-0', 'front', 'shop']);
  });
});

describe('comparisonSummary', () => {
  it('says how big each cluster compared was, in the singular for one', () => {
    const summary = comparisonSummary([
      { cluster: 'cover cluster', namespaces: 2, workloads: 5, pairs: 36, changes: [] },
      { cluster: 'given workloads', namespaces: 1, workloads: 1, pairs: 1, changes: [] },
    ]);
    expect(summary).toBe('cover cluster (2 namespaces, 5 workloads): 36 source-destination pairs compared, all alike\ngiven workloads (1 namespace, 1 workload): 1 source-destination pair compared, all alike');
  });
});
