import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetpolError, Peer, PolicyIntent, Port } from '../../../lib';
import { renderKubernetes } from '../../../lib/dialects/kubernetes/render';
import { readKubernetes } from '../../../lib/dialects/kubernetes/read';
import { kubernetesIntent } from '../../support/arbitraries';
import { networkPolicyApiErrors } from '../../support/kubernetes-api';
import { undefinedPaths } from '../../support/plain-data';
import { kubernetesValidator, schemaErrors } from '../../support/schemas';
import { webIntent } from '../../support/intents';

const intent = webIntent;
const ingress = (peers: any[], ports: any[] = []) => ({ direction: 'ingress' as const, action: 'allow' as const, peers, ports });
const spec = (extra: Partial<PolicyIntent>) => (renderKubernetes([intent(extra)])[0] as any).spec;

describe('renderKubernetes', () => {
  it('always writes policyTypes, in a fixed order', () => {
    // An empty policyTypes is defaulted to Ingress by the API server: a policy that isolates nothing has no form.
    expect(() => spec({ isolate: [] })).toThrow(/isolate: a NetworkPolicy that isolates no direction is read as isolating ingress/);
    expect(spec({ isolate: ['egress', 'ingress'] }).policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('isolates without rules by leaving the rule list out (`ingress: []` means the same)', () => {
    expect(spec({ isolate: ['ingress', 'egress'] })).toEqual({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'] });
  });

  it('writes a rule with no peers and no ports as {} (allow everything)', () => {
    expect(spec({ rules: [ingress([])] }).ingress).toEqual([{}]);
  });

  it('writes a namespace AND pods as one peer, and two peers as two', () => {
    expect(spec({ rules: [ingress([Peer.pods({ app: 'api' }, ['backend'])])] }).ingress[0].from).toEqual([
      { podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } } },
    ]);
    expect(spec({ rules: [ingress([Peer.pods({ app: 'api' }), Peer.namespace('backend')])] }).ingress[0].from).toEqual([
      { podSelector: { matchLabels: { app: 'api' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } } },
    ]);
  });

  it('selects several namespace names with In, namespace labels as given, and all namespaces with {}', () => {
    const from = spec({ rules: [ingress([Peer.namespace('a', 'b'), Peer.namespacesWithLabels({ team: 'x' }), Peer.allNamespaces(), Peer.pods({}, 'all')])] }).ingress[0].from;
    expect(from).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] } },
      { namespaceSelector: { matchLabels: { team: 'x' } } },
      { namespaceSelector: {} },
      { podSelector: {}, namespaceSelector: {} },
    ]);
  });

  it('keeps matchExpressions', () => {
    const pods = { matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: ['db'] }, { key: 'tier', operator: 'Exists' as const }] };
    expect(spec({ subject: { pods } }).podSelector).toEqual(pods);
  });

  it('writes CIDRs with except, and an entity as the CIDRs it carries', () => {
    const to = spec({ isolate: ['egress'], rules: [{ ...ingress([Peer.cidr('10.0.0.0/8', ['10.1.0.0/16']), Peer.entity('kube-apiserver', ['192.0.2.1/32', '2001:db8::1/128'])]), direction: 'egress' }] }).egress[0].to;
    expect(to).toEqual([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { ipBlock: { cidr: '192.0.2.1/32' } }, { ipBlock: { cidr: '2001:db8::1/128' } }]);
  });

  it('writes named ports, ranges, every port of a protocol, and SCTP', () => {
    const ports = spec({ rules: [ingress([], [Port.tcp('http'), Port.tcp(8000, 8100), Port.all('UDP'), Port.sctp(7070)])] }).ingress[0].ports;
    expect(ports).toEqual([{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 8000, endPort: 8100 }, { protocol: 'UDP' }, { protocol: 'SCTP', port: 7070 }]);
  });

  it('keeps the description as an annotation', () => {
    expect(renderKubernetes([intent({ description: 'why' })])[0].metadata.annotations).toEqual({ 'netpol.cdk8s.io/description': 'why' });
  });

  const refusals: [string, Partial<PolicyIntent>, string][] = [
    ['deny', { order: 1, rules: [{ ...ingress([]), action: 'deny' }] }, 'rules[0].action: deny rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)'],
    ['pass', { order: 1, rules: [{ ...ingress([]), action: 'pass' }] }, 'rules[0].action: pass rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)'],
    ['log', { rules: [{ ...ingress([]), action: 'log' }] }, 'rules[0].action: log rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico)'],
    ['order', { order: 10 }, 'order: policy order cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)'],
    ['tier', { tier: { name: 'security', order: 1 } }, 'tier: tiers cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)'],
    ['cluster scope', { scope: 'cluster' }, 'scope: cluster-wide policies cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)'],
    ['FQDN', { isolate: ['egress'], rules: [{ ...ingress([Peer.fqdn('x.com')]), direction: 'egress' }] }, 'rules[0].peers[0]: FQDN peers cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium, kubernetes-cnp)'],
    ['entity', { rules: [ingress([Peer.entity('world')])] }, 'rules[0].peers[0]: entity peers without CIDRs cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium)'],
    ['HTTP', { rules: [{ ...ingress([], [Port.tcp(80)]), http: [{ method: 'GET' }] }] }, 'rules[0].http: L7 HTTP matches cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium)'],
    ['service account', { rules: [ingress([Peer.serviceAccount({ names: ['api'] })])] }, 'rules[0].peers[0]: service-account peers cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium)'],
    ['ICMP', { rules: [ingress([], [Port.icmp()])] }, 'rules[0].ports[0]: ICMP cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium)'],
    ['allow without isolating', { isolate: [], rules: [ingress([])] }, 'rules[0].direction: rules in a direction their policy does not isolate cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium, kubernetes-cnp, kubernetes-anp)'],
  ];
  it.each(refusals)('refuses %s, naming the construct path, the field and the dialects that can', (_, extra, message) => {
    expect(() => renderKubernetes([intent(extra)])).toThrow(`app/shop/Web: ${message}`);
  });

  it('lists every problem of every intent at once', () => {
    try {
      renderKubernetes([intent({ order: 1 }), intent({ name: 'api', path: 'app/shop/Api', scope: 'cluster' })]);
      expect.unreachable();
    } catch (error) {
      expect((error as NetpolError).problems.map((problem) => problem.where)).toEqual(['app/shop/Web', 'app/shop/Api']);
    }
  });

  it('writes schema-valid NetworkPolicies the API server accepts (property)', () => {
    const validate = kubernetesValidator();
    fc.assert(
      fc.property(fc.array(kubernetesIntent, { maxLength: 3 }), (intents) => {
        for (const manifest of renderKubernetes(intents)) {
          expect(undefinedPaths(manifest)).toEqual([]);
          expect(schemaErrors(validate, manifest)).toEqual([]);
          expect(networkPolicyApiErrors(manifest)).toEqual([]);
        }
      }),
    );
  });

  it('reads back to the same intents (property)', () => {
    fc.assert(
      fc.property(kubernetesIntent, (original) => {
        const { intents, notAnalysed } = readKubernetes(renderKubernetes([original]));
        expect(notAnalysed).toEqual([]);
        const [read] = intents;
        expect(read.isolate).toEqual(original.isolate);
        expect(read.rules.map((rule) => rule.ports)).toEqual(
          original.isolate.flatMap((direction) => original.rules.filter((rule) => rule.direction === direction).map((rule) => rule.ports)),
        );
        expect(read.rules.map((rule) => rule.peers.length)).toEqual(
          original.isolate.flatMap((direction) => original.rules.filter((rule) => rule.direction === direction).map((rule) => rule.peers.length)),
        );
      }),
    );
  });
});
