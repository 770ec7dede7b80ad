import { App, Testing } from 'cdk8s';
// The constructs only Calico (and Cilium) can say, end to end: ClusterDefaultDeny, deny, pass and
// log rules, order and tiers through Policy; the same chart code fails in Kubernetes.
import { describe, expect, it } from 'vitest';
import { ClusterDefaultDeny, DEFAULT_EXEMPT_NAMESPACES, Peer, Policy, PolicyChart, Port } from '../../../lib';
import { readCalico } from '../../../lib/dialects/calico/read';
import { calicoApiErrors } from '../../support/calico-api';
import { synthError, synthManifests, testChart } from '../../support/synth';

const synth = (build: (chart: PolicyChart) => void) => synthManifests('calico', build) as any[];
const POD = "projectcalico.org/orchestrator == 'k8s'";

describe('ClusterDefaultDeny', () => {
  it('is a GlobalNetworkPolicy that isolates the pods of every namespace but the exempt ones, both ways, with no rules', () => {
    const [policy] = synth((chart) => new ClusterDefaultDeny(chart, 'ClusterDefaultDeny'));
    expect(policy.kind).toBe('GlobalNetworkPolicy');
    // Cluster-scoped: no namespace, although the chart has one.
    expect(policy.metadata).toEqual({ name: 'cluster-default-deny', annotations: { 'netpol.cdk8s.io/description': expect.stringContaining('kube-system, calico-system, calico-apiserver') } });
    expect(policy.spec).toEqual({
      tier: 'default',
      // Pods only: a GlobalNetworkPolicy selector of all() would also select host endpoints.
      selector: POD,
      namespaceSelector: "kubernetes.io/metadata.name not in { 'kube-system', 'calico-system', 'calico-apiserver' }",
      types: ['Ingress', 'Egress'],
    });
  });

  it('exempts kube-system (CoreDNS, NodeLocal DNSCache) and Calico\'s own namespaces by default', () => {
    expect(DEFAULT_EXEMPT_NAMESPACES).toEqual(['kube-system', 'calico-system', 'calico-apiserver']);
  });

  it('takes other exemptions, or none (then it isolates every namespace)', () => {
    expect(synth((chart) => new ClusterDefaultDeny(chart, 'Deny', { exempt: ['kube-system', 'dns'] }))[0].spec.namespaceSelector).toBe("kubernetes.io/metadata.name not in { 'kube-system', 'dns' }");
    expect(synth((chart) => new ClusterDefaultDeny(chart, 'Deny', { exempt: [] }))[0].spec).toEqual({ tier: 'default', selector: POD, types: ['Ingress', 'Egress'] });
  });

  it('refuses an exemption that is not a namespace name', () => {
    expect(() => synth((chart) => new ClusterDefaultDeny(chart, 'Deny', { exempt: ['Kube_System'] }))).toThrow('test/Deny: exempt: "Kube_System" is not a DNS-1123 label');
  });

  it('reads back as a cluster-wide isolation of the non-exempt namespaces that allows nothing', () => {
    const [intent] = readCalico(synth((chart) => new ClusterDefaultDeny(chart, 'Deny'))).intents;
    expect(intent).toMatchObject({ scope: 'cluster', isolate: ['ingress', 'egress'], rules: [], subject: { pods: {} } });
    expect(intent.order).toBeUndefined();
  });

  it('fails in the kubernetes dialect with the capability error', () => {
    expect(synthError('kubernetes', (chart) => new ClusterDefaultDeny(chart, 'ClusterDefaultDeny'))).toContain(
      'test/ClusterDefaultDeny/Policy: scope: cluster-wide policies cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)',
    );
  });
});

describe('deny, pass, log, order and tiers through Policy', () => {
  // One program, used as is in both dialects.
  const guardrails = (chart: PolicyChart) => {
    const security = { name: 'security', order: 100, defaultAction: 'pass' as const };
    new Policy(chart, 'Quarantine', { clusterWide: true, select: { quarantine: 'true' }, tier: security, order: 10 })
      .logFrom(Peer.any())
      .denyFrom(Peer.any());
    new Policy(chart, 'Sandbox', { select: { app: 'api' }, tier: security, order: 20 })
      .passFrom(Peer.namespace('ops'))
      .denyTo(Peer.namespace('sandbox'), { ports: [Port.tcp(8080)] })
      .logTo(Peer.cidr('0.0.0.0/0'));
    new Policy(chart, 'DenyLegacy', { select: { app: 'api' }, order: 100 }).denyFrom(Peer.pods({ app: 'legacy' }));
    new Policy(chart, 'ApiFromWeb', { select: { app: 'api' } }).allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(8080)] });
  };

  it('render in Calico: the Tier first, then the policies with their orders and actions in order', () => {
    const manifests = synth(guardrails);
    expect(manifests.map((manifest) => [manifest.kind, manifest.metadata.name, manifest.spec.tier, manifest.spec.order])).toEqual([
      ['Tier', 'security', undefined, 100],
      ['GlobalNetworkPolicy', 'security.quarantine', 'security', 10],
      ['NetworkPolicy', 'security.sandbox', 'security', 20],
      ['NetworkPolicy', 'deny-legacy', 'default', 100],
      ['NetworkPolicy', 'api-from-web', 'default', undefined],
    ]);
    expect(manifests[0].spec.defaultAction).toBe('Pass');
    expect(manifests[1].spec.ingress).toEqual([{ action: 'Log' }, { action: 'Deny' }]);
    expect(manifests[2].spec.types).toEqual(['Ingress', 'Egress']);
    expect(manifests[2].spec.ingress.map((rule: any) => rule.action)).toEqual(['Pass']);
    expect(manifests[2].spec.egress.map((rule: any) => [rule.action, rule.protocol, rule.destination])).toEqual([
      ['Deny', 'TCP', { namespaceSelector: "projectcalico.org/name == 'sandbox'", selector: POD, ports: [8080] }],
      ['Log', undefined, { nets: ['0.0.0.0/0'] }],
    ]);
    // The deny of order 100 comes before the unordered allow, and before Kubernetes policies (order 1000).
    expect(manifests[3].spec.ingress).toEqual([{ action: 'Deny', source: { selector: `${POD} && app == 'legacy'` } }]);
  });

  it('are objects Calico accepts', () => {
    for (const manifest of synth(guardrails)) expect(calicoApiErrors(manifest)).toEqual([]);
  });

  it('fail in the kubernetes dialect, every one with the capability error', () => {
    const message = synthError('kubernetes', guardrails);
    for (const expected of [
      'test/Quarantine: scope: cluster-wide policies cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)',
      'test/Quarantine: tier: tiers cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)',
      'test/Quarantine: order: policy order cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)',
      'test/Quarantine: rules[0].action: log rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico)',
      'test/Sandbox: rules[0].action: pass rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)',
      'test/DenyLegacy: rules[0].action: deny rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)',
    ]) expect(message).toContain(expected);
  });

  it('need an order for deny and pass, said when the rule is added', () => {
    expect(() => new Policy(testChart('calico'), 'NoOrder').denyFrom(Peer.any())).toThrow("test/NoOrder: rules[0].action: a deny rule needs the policy's order");
    expect(() => new Policy(testChart('calico'), 'NoOrder').passTo(Peer.any())).toThrow("a pass rule needs the policy's order");
  });

  it('refuse one tier defined two ways in one chart', () => {
    expect(synthError('calico', (chart) => {
      new Policy(chart, 'A', { tier: { name: 'security', order: 100 }, isolate: ['ingress'] });
      new Policy(chart, 'B', { tier: { name: 'security', order: 200 }, isolate: ['ingress'] });
    })).toContain('test/B: tier: tier security is defined twice: order 200, default action deny here, order 100, default action deny at test/A');
  });
});

describe('objects two charts share', () => {
  const tier = { name: 'security', order: 100 };
  const chartOf = (app: App, id: string) => new PolicyChart(app, id, { namespace: id, dialect: 'calico' });

  it('writes a tier two charts use once, in the first chart', () => {
    const app = Testing.app();
    new Policy(chartOf(app, 'one'), 'Deny', { tier, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    new Policy(chartOf(app, 'two'), 'Deny', { tier, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    const kinds = app.charts.map((chart) => chart.toJson().map((manifest: any) => manifest.kind));
    expect(kinds).toEqual([['Tier', 'NetworkPolicy'], ['NetworkPolicy']]);
  });

  it('refuses one tier defined two ways in two charts', () => {
    const app = Testing.app();
    new Policy(chartOf(app, 'one'), 'Deny', { tier, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    new Policy(chartOf(app, 'two'), 'Deny', { tier: { ...tier, order: 200 }, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    expect(() => app.synth()).toThrow('two: projectcalico.org/v3 Tier security is also written by chart one, differently');
  });

  it('compares a tier with the first chart that writes it, whichever chart is rendered first', () => {
    const app = Testing.app();
    new Policy(chartOf(app, 'one'), 'Deny', { tier, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    const two = chartOf(app, 'two');
    new Policy(two, 'Deny', { tier: { ...tier, order: 200 }, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    const three = chartOf(app, 'three');
    new Policy(three, 'Deny', { tier, order: 1 }).denyFrom(Peer.namespace('sandbox'));
    // The last chart first: the charts before it are rendered for it, in order.
    expect(three.toJson().map((manifest: any) => manifest.kind)).toEqual(['NetworkPolicy']);
    expect(() => two.toJson()).toThrow('two: projectcalico.org/v3 Tier security is also written by chart one, differently');
    expect(app.charts[0].toJson().map((manifest: any) => manifest.kind)).toEqual(['Tier', 'NetworkPolicy']);
  });
});
