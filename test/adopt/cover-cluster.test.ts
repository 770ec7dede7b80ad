// The cover cluster tells apart policy sets that differ in any selector value, missing key,
// namespace label, named port or service account, which a fixed cluster could miss.
import { describe, expect, it } from 'vitest';
import { compareMeaning } from '../../lib/adopt/equivalence';
import { coverCluster, labelVariants } from '../../lib/adopt/cover-cluster';
import { Peer, PolicyIntent, Port, Rule } from '../../lib';

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
