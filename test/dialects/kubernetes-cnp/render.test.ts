// The kubernetes-cnp and kubernetes-anp renderers: what each intent becomes, and every refusal the
// issue lists (DIALECTS.md §9.5), naming the construct path, the field and what would be valid.
import { describe, expect, it } from 'vitest';
import { ADMIN_TIER, BASELINE_TIER, NetpolError, Peer, PolicyIntent, Port, Rule } from '../../../lib';
import { renderAnp, renderCnp } from '../../../lib/dialects/kubernetes-cnp/render-targets';
import { cnpValidator } from '../../support/network-policy-api';
import { schemaErrors } from '../../support/schemas';
import { webIntent } from '../../support/intents';

const rule = (extra: Partial<Rule>): Rule => ({ direction: 'ingress', action: 'allow', peers: [Peer.namespace('ops')], ports: [], ...extra });
const admin = (extra: Partial<PolicyIntent>) => webIntent({ tier: ADMIN_TIER, order: 10, ...extra });

function problems(render: () => unknown): string[] {
  try {
    render();
  } catch (error) {
    if (error instanceof NetpolError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('renderCnp', () => {
  it('writes default-tier namespaced allows as NetworkPolicies, through the kubernetes dialect', () => {
    const [policy] = renderCnp([webIntent({ order: 5, rules: [rule({})] })]);
    expect(policy).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { policyTypes: ['Ingress'] } });
  });

  it('writes tiers before the default tier as Admin, after it as Baseline, with rule names, actions and protocols', () => {
    const manifests = renderCnp([
      admin({ rules: [rule({ action: 'deny', ports: [Port.tcp(8080), Port.udp(53, 53), Port.tcp(8000, 8100), Port.all('SCTP'), Port.tcp('http')], description: 'no ops' })] }),
      webIntent({ name: 'late', tier: BASELINE_TIER, order: 1, rules: [rule({ action: 'pass', direction: 'egress', peers: [Peer.cidr('203.0.113.0/24'), Peer.pods({ app: 'db' })] })] }),
    ]);
    expect(manifests.map((manifest) => [manifest.metadata.name, (manifest.spec as any).tier, (manifest.spec as any).priority])).toEqual([['shop.web', 'Admin', 0], ['shop.late', 'Baseline', 0]]);
    expect((manifests[0].spec as any).subject).toEqual({ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } } });
    expect((manifests[0].spec as any).ingress).toEqual([{
      name: 'no ops',
      action: 'Deny',
      from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }],
      protocols: [
        { tcp: { destinationPort: { number: 8080 } } },
        { udp: { destinationPort: { number: 53 } } },
        { tcp: { destinationPort: { range: { start: 8000, end: 8100 } } } },
        { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
        { destinationNamedPort: 'http' },
      ],
    }]);
    expect((manifests[1].spec as any).egress).toEqual([{
      name: 'egress-0',
      action: 'Pass',
      to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'db' } } } }, { networks: ['203.0.113.0/24'] }],
    }]);
    for (const manifest of manifests.slice(0)) expect(schemaErrors(cnpValidator('standard'), manifest)).toEqual([]);
  });

  it('gives distinct priorities by (order, name), whatever the order of the intents', () => {
    const intents = ['c', 'a', 'b'].map((name, index) => admin({ name, order: index === 0 ? 1 : 2, rules: [rule({ action: 'deny' })] }));
    const names = (given: PolicyIntent[]) => renderCnp(given).map((manifest) => `${manifest.metadata.name}:${(manifest.spec as any).priority}`);
    expect(names(intents)).toEqual(['shop.c:0', 'shop.a:1', 'shop.b:2']);
    expect(names([...intents].reverse())).toEqual(names(intents));
  });

  it('writes an egress isolation as a last Deny-all to every address, and a default-tier cluster isolation as a Baseline one first', () => {
    const manifests = renderCnp([
      admin({ tier: { name: 'security', order: 100 }, isolate: ['egress'], rules: [rule({ direction: 'egress', peers: [Peer.namespace('ops')] })] }),
      { name: 'cdd', scope: 'cluster', subject: { pods: {} }, isolate: ['egress'], rules: [] },
    ]);
    expect(manifests.map((manifest) => `${manifest.metadata.name} ${(manifest.spec as any).tier} ${(manifest.spec as any).priority}`)).toEqual(['shop.web Admin 0', 'shop.web.default-deny Admin 1', 'cdd Baseline 0']);
    expect((manifests[2].spec as any).egress).toEqual([{ name: 'default-deny', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }]);
    expect((manifests[2].spec as any).subject).toEqual({ namespaces: {} });
  });

  it('writes Peer.any() in egress as every address (pods meant too)', () => {
    const [manifest] = renderCnp([admin({ rules: [rule({ direction: 'egress', action: 'deny', peers: [] })] })]);
    expect((manifest.spec as any).egress[0].to).toEqual([{ networks: ['0.0.0.0/0', '::/0'] }]);
  });

  it('writes FQDN peers as domainNames with the DNS Accept, only on the experimental channel and in the Admin tier', () => {
    const fqdn = admin({
      rules: [
        { direction: 'egress', action: 'allow', peers: [Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system'])], ports: [Port.udp(53), Port.tcp(53)], dns: [{ pattern: '*' }] },
        rule({ direction: 'egress', peers: [Peer.fqdn('api.example.com'), Peer.fqdn('**.example.org')], ports: [Port.tcp(443)] }),
      ],
    });
    expect(problems(() => renderCnp([fqdn]))).toEqual([
      'app/shop/Web: rules[1].peers[0]: FQDN peers are domainNames, which only the experimental channel has: set experimental: true on the PolicyChart (and install the experimental CRD)',
      'app/shop/Web: rules[1].peers[1]: FQDN peers are domainNames, which only the experimental channel has: set experimental: true on the PolicyChart (and install the experimental CRD)',
    ]);
    const [manifest] = renderCnp([fqdn], { experimental: true });
    expect((manifest.spec as any).egress.map((egress: any) => [egress.action, egress.to])).toEqual([
      ['Accept', [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }]],
      ['Accept', [{ domainNames: ['api.example.com', '*.example.org'] }]],
    ]);
    expect(schemaErrors(cnpValidator('experimental'), manifest)).toEqual([]);
    expect(schemaErrors(cnpValidator('standard'), manifest)).not.toEqual([]);
    expect(problems(() => renderCnp([{ ...fqdn, tier: BASELINE_TIER }], { experimental: true }))).toContain('app/shop/Web: rules[1].peers[0]: domainNames are for the Admin tier only (NPEP-133): put the policy in a tier before the default tier');
    expect(problems(() => renderCnp([admin({ rules: [rule({ direction: 'egress', peers: [Peer.fqdn('*.example.com')] })] })], { experimental: true }))).toEqual([
      'app/shop/Web: rules[0].peers[0]: "*.example.com" has no domainNames form: use a full name or a leading "**." (any subdomains)',
    ]);
  });

  const refusals: [string, PolicyIntent, string][] = [
    ['a default-tier deny', webIntent({ order: 1, rules: [rule({ action: 'deny' })] }), 'app/shop/Web: rules[0].action: deny rules in the default tier (a NetworkPolicy) cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: calico, cilium, kubernetes-anp); here, put the policy in a tier before the default tier (Admin) or after it (Baseline)'],
    ['a default-tier pass', webIntent({ order: 1, rules: [rule({ action: 'pass' })] }), 'app/shop/Web: rules[0].action: pass rules in the default tier (a NetworkPolicy) cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: calico, kubernetes-anp); here, put the policy in a tier before the default tier (Admin) or after it (Baseline)'],
    ['a default-tier cluster-wide allow', { ...webIntent({ rules: [rule({})] }), scope: 'cluster' }, 'app/shop/Web: scope: a cluster-wide policy in the default tier has no form here (NetworkPolicy is namespaced, and a ClusterNetworkPolicy tier is not the default tier): put it in a tier before the default tier (Admin) or after it (Baseline)'],
    ['except', admin({ rules: [rule({ direction: 'egress', peers: [Peer.cidr('10.0.0.0/8', ['10.1.0.0/16'])] })] }), 'app/shop/Web: rules[0].peers[0].except: networks have no except: list the ranges that are meant instead'],
    ['service accounts', admin({ rules: [rule({ peers: [Peer.serviceAccount({ names: ['robot'] })] })] }), 'app/shop/Web: rules[0].peers[0]: service-account peers cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: calico, cilium)'],
    ['L7 HTTP', admin({ rules: [rule({ ports: [Port.tcp(80)], http: [{ method: 'GET' }] })] }), 'app/shop/Web: rules[0].http: L7 HTTP matches cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: cilium)'],
    ['log', admin({ rules: [rule({ action: 'log' })] }), 'app/shop/Web: rules[0].action: log rules cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: calico)'],
    ['ICMP', admin({ rules: [rule({ ports: [Port.icmp(8)] })] }), 'app/shop/Web: rules[0].ports[0]: ICMP cannot be expressed exactly in the kubernetes-cnp dialect (dialects that can: calico, cilium)'],
    ['an ingress CIDR', admin({ rules: [rule({ peers: [Peer.cidr('203.0.113.0/24')] })] }), 'app/shop/Web: rules[0].peers[0]: a CIDR in an ingress rule has no form: ingress peers are pods and namespaces only'],
    ['ingress from any peer', admin({ rules: [rule({ peers: [] })] }), 'app/shop/Web: rules[0].peers: an ingress rule for any peer has no exact form: ingress peers are pods only (namespaces: {} misses nodes, host-network pods and traffic from outside); name Peer.allNamespaces() if pods are meant, or write the rule in a namespaced policy of the default tier'],
    ['ingress isolation as a Deny-all', admin({ tier: { name: 'security', order: 100 }, isolate: ['ingress'], rules: [rule({})] }), 'app/shop/Web: isolate: ingress isolation has no exact cluster-tier form: a Deny-all from every namespace misses nodes, host-network pods and traffic from outside the cluster; isolate ingress in namespaced policies, deny from Peer.allNamespaces() if only pods are meant (ClusterDefaultDeny: ingressFromPodsOnly), or use the calico dialect'],
    ['an egress CIDR of every address', admin({ rules: [rule({ direction: 'egress', peers: [Peer.cidr('0.0.0.0/0')] })] }), 'app/shop/Web: rules[0].peers[0].cidr: networks 0.0.0.0/0 also matches every pod (DIALECTS.md §9.6 #1), which a CIDR peer does not mean: use Peer.any() if pods are meant too, or name narrower ranges'],
  ];
  it.each(refusals)('refuses %s', (_, intent, message) => {
    expect(problems(() => renderCnp([intent]))).toContain(message);
  });

  it('refuses two intent tiers in one cluster tier: a pass leaves all of it', () => {
    expect(problems(() => renderCnp([admin({}), admin({ name: 'other', tier: { name: 'security', order: 100, defaultAction: 'pass' } })]))).toContain(
      'app/shop/Web: tier: tier security and tier admin (app/shop/Web) would both be the Admin tier, which is one tier (a pass leaves all of it): use one tier before the default tier',
    );
  });
});

describe('renderAnp', () => {
  it('writes Admin as AdminNetworkPolicies with priorities and every Baseline intent into the one BANP default', () => {
    const manifests = renderAnp([
      admin({ rules: [rule({ action: 'deny', ports: [Port.tcp(8000, 8100)] })] }),
      webIntent({ name: 'late', tier: BASELINE_TIER, order: 1, rules: [rule({ action: 'deny' })] }),
    ]);
    expect(manifests.map((manifest) => `${manifest.kind} ${manifest.metadata.name}`)).toEqual(['AdminNetworkPolicy shop.web', 'BaselineAdminNetworkPolicy default']);
    expect((manifests[0].spec as any).ingress[0]).toEqual({ name: 'ingress-0', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }], ports: [{ portRange: { protocol: 'TCP', start: 8000, end: 8100 } }] });
    expect((manifests[1].spec as any).ingress[0].name).toBe('shop.late: ingress-0');
  });

  it('refuses what v1alpha1 cannot say: a Baseline pass, Baseline subjects that differ, named ports', () => {
    const messages = problems(() =>
      renderAnp([
        webIntent({ name: 'a', tier: BASELINE_TIER, order: 1, rules: [rule({ action: 'pass' })] }),
        webIntent({ name: 'b', tier: BASELINE_TIER, order: 2, subject: { pods: { matchLabels: { app: 'api' } } }, rules: [rule({ action: 'deny', ports: [Port.tcp('http')] })] }),
      ]),
    );
    expect(messages).toEqual(expect.arrayContaining([
      'app/shop/Web: rules[0].action: a BaselineAdminNetworkPolicy has no Pass: use the kubernetes-cnp dialect',
      'app/shop/Web: subject: v1alpha1 has one BaselineAdminNetworkPolicy, so every Baseline policy needs the subject of app/shop/Web: give them one subject, or use the kubernetes-cnp dialect',
      'app/shop/Web: rules[0].ports[0].port: named ports are experimental in v1alpha1 (and Calico 3.29-3.31 matches every port for them): use the port number, or the kubernetes-cnp dialect',
    ]));
  });
});
