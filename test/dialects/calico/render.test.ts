import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetpolError, Peer, PolicyIntent, Port, Rule } from '../../../lib';
import { policyIntentSchema } from '../../../lib/model/intent';
import { renderCalico } from '../../../lib/dialects/calico/render';
import { calicoIntents } from '../../support/calico-arbitraries';
import { calicoApiErrors } from '../../support/calico-api';
import { webIntent } from '../../support/intents';

const intent = webIntent;
const rule = (extra: Partial<Rule>): Rule => ({ direction: 'ingress', action: 'allow', peers: [], ports: [], ...extra });
const render = (extra: Partial<PolicyIntent>) => renderCalico([intent(extra)]) as any[];
const spec = (extra: Partial<PolicyIntent>) => render(extra).find((manifest) => manifest.kind !== 'Tier').spec;
const POD = "projectcalico.org/orchestrator == 'k8s'";

describe('renderCalico: policies', () => {
  it('writes a namespaced intent as a NetworkPolicy in the default tier, types always written, in a fixed order', () => {
    const [policy] = render({ isolate: ['egress', 'ingress'] });
    expect(policy).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { tier: 'default', selector: "app == 'web'", types: ['Ingress', 'Egress'] },
    });
  });

  it('writes types even for an egress-only policy, which Calico would otherwise default differently', () => {
    expect(spec({ isolate: ['egress'], rules: [rule({ direction: 'egress' })] })).toEqual({ tier: 'default', selector: "app == 'web'", types: ['Egress'], egress: [{ action: 'Allow' }] });
  });

  it('writes a rule with no peers and no ports as one that matches everything', () => {
    expect(spec({ rules: [rule({})] }).ingress).toEqual([{ action: 'Allow' }]);
  });

  it('splits a rule into one Calico rule per peer and protocol, peers first, in order', () => {
    const ingress = spec({ rules: [rule({ peers: [Peer.pods({ app: 'api' }), Peer.namespace('ops')], ports: [Port.udp(53), Port.tcp(53), Port.tcp(853)] })] }).ingress;
    expect(ingress).toEqual([
      { action: 'Allow', protocol: 'UDP', source: { selector: `${POD} && app == 'api'` }, destination: { ports: [53] } },
      { action: 'Allow', protocol: 'TCP', source: { selector: `${POD} && app == 'api'` }, destination: { ports: [53, 853] } },
      { action: 'Allow', protocol: 'UDP', source: { namespaceSelector: "projectcalico.org/name == 'ops'", selector: POD }, destination: { ports: [53] } },
      { action: 'Allow', protocol: 'TCP', source: { namespaceSelector: "projectcalico.org/name == 'ops'", selector: POD }, destination: { ports: [53, 853] } },
    ]);
  });

  it('puts the peer and its ports in the destination of an egress rule', () => {
    const egress = spec({ isolate: ['egress'], rules: [rule({ direction: 'egress', peers: [Peer.pods({ app: 'db' }, ['data'])], ports: [Port.tcp(5432)] })] }).egress;
    expect(egress).toEqual([{ action: 'Allow', protocol: 'TCP', destination: { selector: `${POD} && app == 'db'`, namespaceSelector: "projectcalico.org/name == 'data'", ports: [5432] } }]);
  });

  it('writes ranges as low:high, named ports with their protocol, SCTP, and every port of a protocol without ports', () => {
    const ingress = spec({ rules: [rule({ ports: [Port.tcp(8000, 8100), Port.tcp('http'), Port.sctp(7070), Port.all('UDP'), Port.udp(53), Port.tcp(9000, 9000)] })] }).ingress;
    expect(ingress).toEqual([
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['8000:8100', 'http', 9000] } },
      { action: 'Allow', protocol: 'SCTP', destination: { ports: [7070] } },
      // Every UDP port covers port 53.
      { action: 'Allow', protocol: 'UDP' },
    ]);
  });

  it('writes ICMP and ICMPv6 with their type and code, one rule each', () => {
    const ingress = spec({ rules: [rule({ ports: [Port.icmp(8, 0), Port.icmp(), Port.icmpv6(128)] })] }).ingress;
    expect(ingress).toEqual([
      { action: 'Allow', protocol: 'ICMP', icmp: { type: 8, code: 0 } },
      { action: 'Allow', protocol: 'ICMP' },
      { action: 'Allow', protocol: 'ICMPv6', icmp: { type: 128 } },
    ]);
  });

  it('writes a CIDR with excepts as nets and notNets, and an entity as its CIDRs, one rule per IP family, each CIDR once', () => {
    const egress = spec({
      isolate: ['egress'],
      rules: [rule({ direction: 'egress', peers: [Peer.cidr('0.0.0.0/0', ['10.0.0.0/8']), Peer.entity('kube-apiserver', ['192.0.2.1/32', '2001:db8::1/128', '192.0.2.2/32', '192.0.2.1/32'])], ports: [Port.tcp(443)] })],
    }).egress;
    expect(egress).toEqual([
      { action: 'Allow', protocol: 'TCP', destination: { nets: ['0.0.0.0/0'], notNets: ['10.0.0.0/8'], ports: [443] } },
      { action: 'Allow', protocol: 'TCP', destination: { nets: ['192.0.2.1/32', '192.0.2.2/32'], ports: [443] } },
      { action: 'Allow', protocol: 'TCP', destination: { nets: ['2001:db8::1/128'], ports: [443] } },
    ]);
  });

  it('selects namespaces by name, by labels and all of them, and only their pods', () => {
    const ingress = spec({ rules: [rule({ peers: [Peer.namespace('a', 'b'), Peer.namespacesWithLabels({ team: 'x' }), Peer.allNamespaces(), Peer.pods({}, 'all')] })] }).ingress;
    expect(ingress.map((each: any) => each.source)).toEqual([
      { namespaceSelector: "projectcalico.org/name in { 'a', 'b' }", selector: POD },
      { namespaceSelector: "team == 'x'", selector: POD },
      { namespaceSelector: 'all()', selector: POD },
      { namespaceSelector: 'all()', selector: POD },
    ]);
  });

  it('writes service-account peers by names (each once) and labels, in their namespaces', () => {
    const ingress = spec({ rules: [rule({ peers: [Peer.serviceAccount({ names: ['api'], selector: { team: 'x' }, namespaces: ['backend'] }), Peer.serviceAccount({ names: ['web', 'web'] })] })] }).ingress;
    expect(ingress.map((each: any) => each.source)).toEqual([
      { serviceAccounts: { names: ['api'], selector: "team == 'x'" }, namespaceSelector: "projectcalico.org/name == 'backend'" },
      { serviceAccounts: { names: ['web'] } },
    ]);
  });

  it('writes every action, in rule order', () => {
    const actions = spec({ order: 10, rules: (['log', 'deny', 'pass', 'allow'] as const).map((action) => rule({ action })) }).ingress.map((each: any) => each.action);
    expect(actions).toEqual(['Log', 'Deny', 'Pass', 'Allow']);
  });

  it('writes the order, and descriptions as annotations of the policy and of its rules', () => {
    const [policy] = render({ order: 250.5, description: 'why', rules: [rule({ description: 'this rule' })] });
    expect(policy.spec.order).toBe(250.5);
    expect(policy.metadata.annotations).toEqual({ 'netpol.cdk8s.io/description': 'why' });
    expect(policy.spec.ingress[0].metadata).toEqual({ annotations: { 'netpol.cdk8s.io/description': 'this rule' } });
  });

  it('writes a cluster-wide intent as a GlobalNetworkPolicy of pods only (never host endpoints), in the namespaces of its subject', () => {
    const [policy] = render({ scope: 'cluster', subject: { pods: {}, namespaces: { names: ['a', 'b'] } }, isolate: ['ingress', 'egress'] });
    expect(policy).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'web' },
      spec: { tier: 'default', selector: POD, namespaceSelector: "projectcalico.org/name in { 'a', 'b' }", types: ['Ingress', 'Egress'] },
    });
    expect(spec({ scope: 'cluster', subject: { pods: { matchLabels: { app: 'x' } }, namespaces: 'all' } })).toEqual({ tier: 'default', selector: `${POD} && app == 'x'`, types: ['Ingress'] });
  });

  it('refuses a policy that applies in no direction: Calico needs at least one type', () => {
    expect(() => render({ isolate: [] })).toThrow('app/shop/Web: isolate: a Calico policy applies in at least one direction');
  });
});

describe('renderCalico: tiers', () => {
  const security = { name: 'security', order: 100, defaultAction: 'pass' as const };

  it('writes a Tier object before the policies, and names tiered policies <tier>.<name> (valid on Calico 3.31 and 3.32)', () => {
    const manifests = renderCalico([intent({ tier: security, order: 1 }), intent({ name: 'api', tier: security }), intent({ name: 'db', tier: { name: 'platform', order: 2e6 } })]) as any[];
    expect(manifests.map((manifest) => `${manifest.kind} ${manifest.metadata.name} ${manifest.spec.tier ?? ''}`.trim())).toEqual([
      'Tier security', 'Tier platform', 'NetworkPolicy security.web security', 'NetworkPolicy security.api security', 'NetworkPolicy platform.db platform',
    ]);
    expect(manifests[0].spec).toEqual({ order: 100, defaultAction: 'Pass' });
    expect(manifests[1].spec).toEqual({ order: 2e6, defaultAction: 'Deny' });
  });

  it('refuses one tier defined two ways, naming both places', () => {
    expect(() => renderCalico([intent({ tier: security }), intent({ name: 'api', path: 'app/shop/Api', tier: { ...security, defaultAction: 'deny' } })])).toThrow(
      'app/shop/Api: tier: tier security is defined twice: order 100, default action deny here, order 100, default action pass at app/shop/Web',
    );
  });

  it('refuses tiers Calico creates itself, and tiers whose order another tier has', () => {
    expect(() => render({ tier: { name: 'calico-system', order: 5 } })).toThrow('calico-system is a tier Calico creates itself');
    // A built-in tier at its own order (read from a ClusterNetworkPolicy) is one problem, not also an order clash with itself.
    let problems: string[] = [];
    try {
      render({ tier: { name: 'kube-admin', order: 1000, defaultAction: 'pass' } });
    } catch (error) {
      problems = (error as NetpolError).problems.map((problem) => problem.message);
    }
    expect(problems).toEqual([expect.stringMatching(/^kube-admin is a tier Calico creates itself/)]);
    expect(() => render({ tier: { name: 'early', order: 1000 } })).toThrow('tier early has order 1000, as tier kube-admin has');
    expect(() => render({ tier: { name: 'late', order: 1_000_000 } })).toThrow('as tier default has');
    expect(() => renderCalico([intent({ tier: security }), intent({ name: 'api', tier: { name: 'other', order: 100 } })])).toThrow('tier other has order 100, as tier security has');
  });
});

describe('renderCalico: what Calico cannot say', () => {
  const refusals: [string, Partial<PolicyIntent>, string][] = [
    ['FQDN peers', { isolate: ['egress'], rules: [rule({ direction: 'egress', peers: [Peer.fqdn('api.example.com')] })] }, 'rules[0].peers[0]: FQDN peers cannot be expressed exactly in the calico dialect (dialects that can: cilium, kubernetes-cnp)'],
    ['entities without CIDRs', { rules: [rule({ peers: [Peer.entity('world')] })] }, 'rules[0].peers[0]: entity peers without CIDRs cannot be expressed exactly in the calico dialect (dialects that can: cilium)'],
    ['HTTP matches', { rules: [rule({ ports: [Port.tcp(80)], http: [{ method: 'GET' }] })] }, 'rules[0].http: L7 HTTP matches cannot be expressed exactly in the calico dialect (dialects that can: cilium)'],
    ['DNS matches', { isolate: ['egress'], rules: [rule({ direction: 'egress', ports: [Port.udp(53)], dns: [{ pattern: '*' }] })] }, 'rules[0].dns: L7 DNS matches cannot be expressed exactly in the calico dialect (dialects that can: cilium)'],
    ['allowing without isolating', { isolate: [], rules: [rule({})] }, 'rules[0].direction: rules in a direction their policy does not isolate cannot be expressed exactly in the calico dialect (dialects that can: cilium, kubernetes-cnp, kubernetes-anp)'],
    // Not only allow rules: a policy's rules in a direction Calico sees it select isolate that direction (end of tier).
    ['denying without isolating', { isolate: [], order: 10, rules: [rule({ action: 'deny' })] }, 'rules[0].direction: rules in a direction their policy does not isolate cannot be expressed exactly in the calico dialect (dialects that can: cilium, kubernetes-cnp, kubernetes-anp)'],
  ];
  it.each(refusals)('refuses %s, naming the construct path, the field and the dialects that can', (_, extra, message) => {
    expect(() => render(extra)).toThrow(`app/shop/Web: ${message}`);
  });

  it('lists every problem of every intent at once', () => {
    try {
      renderCalico([intent({ isolate: [] }), intent({ name: 'api', path: 'app/shop/Api', rules: [rule({ peers: [Peer.fqdn('x.com')] })] })]);
      expect.unreachable();
    } catch (error) {
      expect((error as NetpolError).problems.map((problem) => problem.where)).toEqual(['app/shop/Web', 'app/shop/Api']);
    }
  });
});

describe('renderCalico: every object is one Calico accepts (property)', () => {
  it('valid against the CRD schemas, their CEL rules and Calico\'s validator', () => {
    fc.assert(
      fc.property(calicoIntents, (intents) => {
        intents.forEach((each) => policyIntentSchema.parse(each));
        for (const manifest of renderCalico(intents)) expect(calicoApiErrors(manifest)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
