import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AllowApiServer, AllowExternalEgress, AllowFromNamespace, CAPABILITIES, DialectName, DIALECTS, Manifest, Peer, Policy, PolicyChart, Port } from '../../../lib';
import { readCilium } from '../../../lib/dialects/cilium/read';
import { readKubernetes } from '../../../lib/dialects/kubernetes/read';
import { Feature } from '../../../lib/model/features';
import { ciliumErrors } from '../../support/cilium-api';
import { PATTERN_CASES } from '../../support/pattern-cases';
import { synthError, synthManifests, testChart, toYaml } from '../../support/synth';
import { meaning } from './meaning';

function synthChart(dialect: DialectName, build: (chart: PolicyChart) => void): { chart: PolicyChart; manifests: Manifest[] } {
  const chart = testChart(dialect);
  build(chart);
  return { chart, manifests: Testing.synth(chart) as Manifest[] };
}

describe('patterns in the cilium dialect', () => {
  it.each(PATTERN_CASES.map((c) => [c.name, c] as const))('%s: matches its snapshot', async (name, { build }) => {
    await expect(toYaml(synthManifests('cilium', build))).toMatchFileSnapshot(`__snapshots__/patterns/${name}.yaml`);
  });

  it.each(PATTERN_CASES.map((c) => [c.name, c] as const))('%s: is valid against the CRDs and the checks Cilium adds', (_, { build }) => {
    for (const manifest of synthManifests('cilium', build)) expect(ciliumErrors(manifest)).toEqual([]);
  });

  it.each(PATTERN_CASES.map((c) => [c.name, c] as const))('%s: reads back to what its intents mean', (_, { build }) => {
    const { chart, manifests } = synthChart('cilium', build);
    const { intents, notAnalysed } = readCilium(manifests);
    expect(notAnalysed).toEqual([]);
    expect(meaning(intents)).toEqual(meaning(chart.intents));
  });

  // AllowApiServer means the API server: an entity here, the CIDRs it was given in Kubernetes.
  const portable = PATTERN_CASES.filter((c) => c.name !== 'allow-api-server');
  it.each(portable.map((c) => [c.name, c] as const))('%s: means in Cilium what it means in Kubernetes', (_, { build }) => {
    const kubernetes = readKubernetes(synthManifests('kubernetes', build));
    const cilium = readCilium(synthManifests('cilium', build));
    expect(meaning(cilium.intents)).toEqual(meaning(kubernetes.intents));
  });
});

describe('what the cilium dialect cannot say, and what only it can', () => {
  it('fails a namespace-label peer in a namespaced policy with the capability error', () => {
    expect(synthError('cilium', (chart) => new AllowFromNamespace(chart, 'FromTeam', { from: { selector: { matchLabels: { team: 'checkout' } } } }))).toContain(
      'test/FromTeam/Policy: rules[0].peers[0].namespaces: peers selecting namespaces by labels in a namespaced policy cannot be expressed exactly in the cilium dialect (dialects that can: kubernetes, calico, kubernetes-cnp, kubernetes-anp)',
    );
  });

  it('fails an egress named port with the capability error', () => {
    expect(synthError('cilium', (chart) => new Policy(chart, 'ToDb').allowTo(Peer.pods({ app: 'db' }), { ports: [Port.tcp('postgres')] }))).toContain(
      'test/ToDb: rules[0].ports[0].port: named ports in egress rules cannot be expressed exactly in the cilium dialect (dialects that can: kubernetes, calico, kubernetes-cnp, kubernetes-anp)',
    );
  });

  const ciliumOnly: [Feature, (chart: PolicyChart) => void][] = [
    ['fqdn', (chart) => new AllowExternalEgress(chart, 'Stripe', { select: { app: 'payment' }, fqdns: ['api.stripe.com'] })],
    ['entity', (chart) => new AllowApiServer(chart, 'ApiServer', { select: { app: 'operator' } })],
    ['http', (chart) => new Policy(chart, 'Catalog', { select: { app: 'catalog' } }).allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(8080)], http: [{ method: 'GET', path: '/api/v1/.*' }] })],
  ];
  it.each(ciliumOnly)('%s intents synthesize in Cilium and fail with the capability error in every dialect without the feature', (feature, build) => {
    expect(synthManifests('cilium', build).length).toBeGreaterThan(0);
    const without = (Object.keys(DIALECTS) as DialectName[]).filter((dialect) => !CAPABILITIES[dialect].includes(feature));
    expect(without.length).toBeGreaterThan(0);
    for (const dialect of without) expect(synthError(dialect, build)).toMatch(new RegExp(`cannot be expressed exactly in the ${dialect} dialect \\(dialects that can: [a-z, ]*cilium`));
  });

  it('AllowExternalEgress with fqdns writes toFQDNs and the DNS rule FQDN needs', () => {
    const [policy] = synthManifests('cilium', ciliumOnly[0][1]) as any[];
    expect(policy.spec.egress).toEqual([
      { toFQDNs: [{ matchName: 'api.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      {
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
      },
    ]);
  });

  it('sends DNS through the proxy on the NodeLocal DNSCache path too, so FQDN peers still learn their addresses', () => {
    const build = (chart: PolicyChart) => new AllowExternalEgress(chart, 'Stripe', { fqdns: ['api.stripe.com'], dns: { nodeLocalDnsCache: true } });
    const [policy] = synthManifests('cilium', build) as any[];
    const dnsPorts = [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }];
    expect(policy.spec.egress.slice(1)).toEqual([
      { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: dnsPorts },
      { toCIDRSet: [{ cidr: '169.254.20.10/32' }], toPorts: dnsPorts },
    ]);
  });

  it('AllowApiServer without CIDRs writes the kube-apiserver entity', () => {
    const [policy] = synthManifests('cilium', ciliumOnly[1][1]) as any[];
    expect(policy.spec.egress).toEqual([{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }, { port: '6443', protocol: 'TCP' }] }] }]);
  });
});
