import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITIES, NetpolError, Peer, PolicyIntent, Port, Rule } from '../../../lib';
import { dnsInspectionRule } from '../../../lib/constructs/dns';
import { readCilium } from '../../../lib/dialects/cilium/read';
import { renderCilium } from '../../../lib/dialects/cilium/render';
import { ciliumErrors } from '../../support/cilium-api';
import { ciliumIntents } from './arbitraries';
import { meaning } from './meaning';
import { webIntent } from '../../support/intents';
import { meaningDifferences } from '../../support/no-widening';
import { fixtureWorkloads } from '../../../lib/testing';

const intent = webIntent;
const rule = (direction: Rule['direction'], peers: Peer[], ports: Port[] = [], extra: Partial<Rule> = {}): Rule => ({ direction, action: 'allow', peers, ports, ...extra });
const ingress = (peers: Peer[], ports: Port[] = [], extra: Partial<Rule> = {}) => rule('ingress', peers, ports, extra);
const egress = (peers: Peer[], ports: Port[] = [], extra: Partial<Rule> = {}) => rule('egress', peers, ports, extra);
const spec = (extra: Partial<PolicyIntent>) => (renderCilium([intent(extra)])[0] as any).spec;
const problemsOf = (intents: PolicyIntent[]): string[] => {
  try {
    renderCilium(intents);
  } catch (error) {
    if (error instanceof NetpolError) return error.message.split('\n');
    throw error;
  }
  return [];
};

describe('renderCilium: kinds and subjects', () => {
  it('writes a CiliumNetworkPolicy for a namespaced policy and a CiliumClusterwideNetworkPolicy without a namespace for a cluster-wide one', () => {
    const [namespaced, cluster] = renderCilium([intent({ description: 'why' }), intent({ name: 'all-web', scope: 'cluster' })]);
    expect(namespaced).toMatchObject({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { description: 'why' } });
    expect(cluster).toMatchObject({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'all-web' } });
    expect(cluster.metadata.namespace).toBeUndefined();
  });

  it('gives pod labels the k8s: source and leaves a CNP subject to its own namespace', () => {
    const pods = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: ['db'] }] };
    expect(spec({ subject: { pods } }).endpointSelector).toEqual({
      matchLabels: { 'k8s:app': 'web' },
      matchExpressions: [{ key: 'k8s:tier', operator: 'NotIn', values: ['db'] }],
    });
  });

  it('confines a CCNP subject to pods of its namespaces (every namespace: the namespace key with Exists)', () => {
    const subject = (namespaces?: any) => spec({ scope: 'cluster', subject: { pods: {}, ...(namespaces && { namespaces }) } }).endpointSelector;
    expect(subject()).toEqual({ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] });
    expect(subject({ names: ['shop'] })).toEqual({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop' } });
    expect(subject({ selector: { matchLabels: { team: 'a' } } })).toEqual({ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'a' } });
  });
});

describe('renderCilium: namespace and label mapping of peers', () => {
  const from = (extra: Partial<PolicyIntent>) => spec(extra).ingress.map((r: any) => r.fromEndpoints);

  it('leaves a peer in the policy namespace to the CNP (Cilium adds it), and names other namespaces with k8s:io.kubernetes.pod.namespace', () => {
    expect(from({ rules: [ingress([Peer.pods({ app: 'api' })])] })).toEqual([[{ matchLabels: { 'k8s:app': 'api' } }]]);
    expect(from({ rules: [ingress([Peer.pods({ app: 'api' }, ['backend'])])] })).toEqual([
      [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'backend', 'k8s:app': 'api' } }],
    ]);
    expect(from({ rules: [ingress([Peer.namespace('a', 'b')])] })).toEqual([[{ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'In', values: ['a', 'b'] }] }]]);
  });

  it('says "every namespace" in a CNP with the namespace key and Exists, which stops Cilium confining the peer', () => {
    expect(from({ rules: [ingress([Peer.allNamespaces(), Peer.pods({ app: 'x' }, 'all')])] })).toEqual([
      [
        { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] },
        { matchLabels: { 'k8s:app': 'x' }, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] },
      ],
    ]);
  });

  it('maps namespace labels to k8s:io.cilium.k8s.namespace.labels.<key> in a CCNP', () => {
    const peers = [Peer.namespacesWithLabels({ matchLabels: { 'team.example.com/name': 'a' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] })];
    expect(from({ scope: 'cluster', rules: [ingress(peers)] })).toEqual([
      [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team.example.com/name': 'a' }, matchExpressions: [{ key: 'k8s:io.cilium.k8s.namespace.labels.env', operator: 'In', values: ['prod'] }] }],
    ]);
  });

  it('refuses namespace-label peers in a CNP, where Cilium documents them as ignored', () => {
    expect(problemsOf([intent({ rules: [ingress([Peer.namespacesWithLabels({ team: 'a' })])] })])).toEqual([
      'app/shop/Web: rules[0].peers[0].namespaces: peers selecting namespaces by labels in a namespaced policy cannot be expressed exactly in the cilium dialect (dialects that can: kubernetes, calico, kubernetes-cnp, kubernetes-anp)',
    ]);
  });

  it('selects service accounts by their Cilium label', () => {
    expect(from({ rules: [ingress([Peer.serviceAccount({ names: ['api'] }), Peer.serviceAccount({ names: ['a', 'b'], namespaces: ['jobs'] })])] })).toEqual([
      [
        { matchLabels: { 'k8s:io.cilium.k8s.policy.serviceaccount': 'api' } },
        {
          matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'jobs' },
          matchExpressions: [{ key: 'k8s:io.cilium.k8s.policy.serviceaccount', operator: 'In', values: ['a', 'b'] }],
        },
      ],
    ]);
  });

  it('refuses pod label keys that Cilium sets itself, which would select something else', () => {
    expect(problemsOf([intent({ subject: { pods: { matchLabels: { 'io.kubernetes.pod.namespace': 'x' } } } })])[0]).toContain(
      'app/shop/Web: subject.pods: label key "io.kubernetes.pod.namespace" is one Cilium sets itself',
    );
  });
});

describe('renderCilium: peers, ports and ICMP', () => {
  it('writes one rule per kind of peer, with the same ports, and any peer as the all entity', () => {
    const rules = spec({ rules: [ingress([Peer.pods({ app: 'a' }), Peer.cidr('10.0.0.0/8', ['10.1.0.0/16']), Peer.entity('host'), Peer.pods({ app: 'b' })], [Port.tcp(80)]), ingress([])] }).ingress;
    const toPorts = [{ ports: [{ port: '80', protocol: 'TCP' }] }];
    expect(rules).toEqual([
      { fromEndpoints: [{ matchLabels: { 'k8s:app': 'a' } }, { matchLabels: { 'k8s:app': 'b' } }], toPorts },
      { fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], toPorts },
      { fromEntities: ['host'], toPorts },
      { fromEntities: ['all'] },
    ]);
  });

  it('writes the kube-apiserver entity, not the CIDRs carried for other dialects', () => {
    expect(spec({ isolate: ['egress'], rules: [egress([Peer.entity('kube-apiserver', ['192.0.2.1/32'])])] }).egress).toEqual([{ toEntities: ['kube-apiserver'] }]);
  });

  it('writes ports as quoted strings, ranges with endPort, every port of a protocol as "0", and ICMP types in a rule of their own', () => {
    const rules = spec({ rules: [ingress([Peer.pods({})], [Port.tcp(8080), Port.udp(8000, 8100), Port.all('SCTP'), Port.tcp('http'), Port.icmp(8), Port.icmpv6(128)])] }).ingress;
    expect(rules).toEqual([
      {
        fromEndpoints: [{}],
        toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }, { port: '8000', endPort: 8100, protocol: 'UDP' }, { port: '0', protocol: 'SCTP' }, { port: 'http', protocol: 'TCP' }] }],
      },
      { fromEndpoints: [{}], icmps: [{ fields: [{ type: 8, family: 'IPv4' }, { type: 128, family: 'IPv6' }] }] },
    ]);
  });

  it('splits more than 40 ports into port rules of at most 40, as Cilium requires', () => {
    const ports = Array.from({ length: 85 }, (_, index) => Port.tcp(1000 + index));
    const [written] = spec({ rules: [ingress([], ports)] }).ingress;
    expect(written.toPorts.map((portRule: any) => portRule.ports.length)).toEqual([40, 40, 5]);
    expect(written.toPorts.flatMap((portRule: any) => portRule.ports.map((port: any) => Number(port.port)))).toEqual(ports.map((port) => port.port));
  });

  it('refuses ICMP without a type and ICMP codes', () => {
    expect(problemsOf([intent({ rules: [ingress([], [Port.icmp(), Port.icmp(3, 4)])] })])).toEqual([
      'app/shop/Web: rules[0].ports[1]: ICMP codes cannot be expressed exactly in the cilium dialect (dialects that can: calico)',
      "app/shop/Web: rules[0].ports[0]: ICMP without a type (Cilium's icmps match listed types: give icmpType) cannot be expressed exactly in the cilium dialect (dialects that can: calico)",
    ]);
  });

  it('accepts named ports on ingress and refuses them on egress, where Cilium does not resolve them per destination', () => {
    expect(spec({ rules: [ingress([], [Port.tcp('metrics')])] }).ingress[0].toPorts[0].ports).toEqual([{ port: 'metrics', protocol: 'TCP' }]);
    expect(problemsOf([intent({ isolate: ['egress'], rules: [egress([Peer.pods({ app: 'db' })], [Port.tcp('postgres')])] })])).toEqual([
      'app/shop/Web: rules[0].ports[0].port: named ports in egress rules cannot be expressed exactly in the cilium dialect (dialects that can: kubernetes, calico, kubernetes-cnp, kubernetes-anp)',
    ]);
  });
});

describe('renderCilium: FQDN peers and their DNS rule', () => {
  const fqdnRule = egress([Peer.fqdn('api.stripe.com'), Peer.fqdn('*.example.com')], [Port.tcp(443)]);

  it('writes toFQDNs (matchName, matchPattern) and the DNS rule to kube-dns on UDP and TCP 53 with matchPattern "*"', () => {
    expect(spec({ isolate: ['egress'], rules: [fqdnRule, dnsInspectionRule()] }).egress).toEqual([
      { toFQDNs: [{ matchName: 'api.stripe.com' }, { matchPattern: '*.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      {
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
      },
    ]);
  });

  it('refuses FQDN peers without a DNS rule that lets their names through the proxy: they would allow nothing', () => {
    const narrowDns = { ...dnsInspectionRule(), dns: [{ pattern: 'api.stripe.com' }] };
    expect(problemsOf([intent({ isolate: ['egress'], rules: [fqdnRule, narrowDns] })])).toEqual([
      `app/shop/Web: rules[0].peers[1]: the FQDN peer "*.example.com" needs a DNS rule in the same policy whose patterns include '*' or "*.example.com": Cilium learns the addresses of names only from DNS answers its proxy inspects (Policy.allowTo adds that rule)`,
    ]);
    expect(problemsOf([intent({ isolate: ['egress'], rules: [fqdnRule] })])).toHaveLength(2);
  });

  it("refuses '**' anywhere but a leading '**.'", () => {
    expect(problemsOf([intent({ isolate: ['egress'], rules: [egress([Peer.fqdn('a**.example.com')]), dnsInspectionRule()] })])[0]).toContain("rules[0].peers[0]: \"a**.example.com\": Cilium reads '**' only as a leading '**.'");
    expect(problemsOf([intent({ isolate: ['egress'], rules: [egress([Peer.fqdn('**.example.com')]), dnsInspectionRule()] })])).toEqual([]);
  });
});

describe('renderCilium: L7 HTTP', () => {
  const http = [{ method: 'GET', path: '/api/v1/.*', host: 'shop\\.example\\.com', headers: { 'X-Team': 'checkout' } }];

  it('writes toPorts[].rules.http with method, path, host and headers as "Name: value"', () => {
    expect(spec({ rules: [ingress([Peer.pods({ app: 'front' })], [Port.tcp(8080)], { http })] }).ingress[0].toPorts).toEqual([
      { ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/v1/.*', host: 'shop\\.example\\.com', headers: ['X-Team: checkout'] }] } },
    ]);
  });

  it('refuses HTTP matches on every port, and header names Cilium would split', () => {
    expect(problemsOf([intent({ rules: [ingress([], [Port.all('TCP')], { http: [{ method: 'GET' }] })] })])).toEqual([
      'app/shop/Web: rules[0].ports[0]: HTTP matches on every port of a protocol (Cilium takes L7 rules on given ports only) cannot be expressed exactly in the cilium dialect (no dialect can)',
    ]);
    expect(problemsOf([intent({ rules: [ingress([], [Port.tcp(80)], { http: [{ headers: { 'X Team': 'a' } }] })] })])[0]).toContain('rules[0].http[0].headers["X Team"]: "X Team" is not an HTTP header name');
  });

  it('refuses HTTP matches in a direction the policy does not isolate: Cilium enforces them anyway', () => {
    expect(problemsOf([intent({ isolate: [], rules: [ingress([], [Port.tcp(80)], { http: [{ method: 'GET' }] })] })])).toEqual([
      'app/shop/Web: rules[0].http: L7 matches in a direction the policy does not isolate (Cilium enforces them even with enableDefaultDeny false, refusing every other request on those ports) cannot be expressed exactly in the cilium dialect (no dialect can)',
    ]);
  });

  it('refuses an L4-only allow of the same subject, peer and port as an HTTP restriction, in any policy: it would void it', () => {
    const restricted = intent({ rules: [ingress([Peer.pods({ app: 'front' })], [Port.tcp(8080)], { http })] });
    const open = intent({ name: 'all-ports', path: 'app/shop/AllPorts', subject: { pods: {} }, rules: [ingress([Peer.namespace('shop')])] });
    expect(problemsOf([restricted, open])).toEqual([
      "app/shop/Web: rules[0].http: these HTTP matches would be void: another allow (app/shop/AllPorts: rules[0]) lets the same subject, peer and port through without them, and in Cilium that disables the restriction; give both rules the same matches, or separate their ports or peers",
    ]);
    const elsewhere = [
      intent({ name: 'other-port', subject: { pods: {} }, rules: [ingress([Peer.namespace('shop')], [Port.tcp(9090)])] }),
      intent({ name: 'other-peer', subject: { pods: {} }, rules: [ingress([Peer.pods({ app: 'back' })], [Port.tcp(8080)])] }),
      intent({ name: 'other-pods', subject: { pods: { matchLabels: { app: 'db' } } }, rules: [ingress([], [Port.tcp(8080)])] }),
      intent({ name: 'other-namespace', scope: { namespace: 'api' }, subject: { pods: {} }, rules: [ingress([], [Port.tcp(8080)])] }),
      intent({ name: 'same-matches', rules: [ingress([Peer.pods({ app: 'front' })], [Port.tcp(8080)], { http: [{ method: 'POST' }] })] }),
    ];
    expect(problemsOf([restricted, ...elsewhere])).toEqual([]);
  });

  it('refuses HTTP and DNS matches on one subject, peer and port: Cilium takes one L7 protocol per port', () => {
    const dns = { ...dnsInspectionRule(), dns: [{ pattern: '*.svc.cluster.local' }] };
    const httpOnDns = egress([Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system'])], [Port.tcp(53)], { http: [{ method: 'GET' }] });
    expect(problemsOf([intent({ isolate: ['egress'], rules: [dns, httpOnDns] })])).toEqual([
      'app/shop/Web: rules[1].http: HTTP and DNS matches on connections another allow also matches (app/shop/Web: rules[0]): Cilium takes one L7 protocol per port; separate their ports or peers',
    ]);
  });

  it('lets an L4 allow to the DNS server stand beside the DNS rule with "*", which restricts nothing, but not beside a narrowed one', () => {
    const l4Dns = intent({ name: 'allow-dns', subject: { pods: {} }, isolate: ['egress'], rules: [egress([Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system'])], [Port.udp(53), Port.tcp(53)])] });
    const inspect = intent({ isolate: ['egress'], rules: [dnsInspectionRule()] });
    expect(problemsOf([l4Dns, inspect])).toEqual([]);
    const narrowed = intent({ isolate: ['egress'], rules: [{ ...dnsInspectionRule(), dns: [{ pattern: '*.svc.cluster.local' }] }] });
    expect(problemsOf([l4Dns, narrowed])[0]).toContain('app/shop/Web: rules[0].dns: these DNS matches would be void');
  });
});

describe('renderCilium: isolation', () => {
  it('isolates a direction without rules with an empty rule, which allows nothing', () => {
    expect(spec({ isolate: ['ingress', 'egress'] })).toEqual({ endpointSelector: { matchLabels: { 'k8s:app': 'web' } }, ingress: [{}], egress: [{}] });
  });

  it('lets rule sections isolate by themselves, and keeps a direction open with enableDefaultDeny false', () => {
    const allow = ingress([Peer.pods({ app: 'api' })], [Port.tcp(80)]);
    expect(spec({ isolate: ['ingress'], rules: [allow] })).not.toHaveProperty('enableDefaultDeny');
    expect(spec({ isolate: [], rules: [allow] }).enableDefaultDeny).toEqual({ ingress: false });
    expect(spec({ isolate: ['egress'], rules: [allow] })).toMatchObject({ egress: [{}], enableDefaultDeny: { ingress: false } });
  });

  it('isolates with deny rules alone (ingressDeny is a rule section), and keeps them from isolating when asked', () => {
    const deny = { ...ingress([Peer.cidr('192.0.2.0/24')]), action: 'deny' as const };
    expect(spec({ order: 1, isolate: ['ingress'], rules: [deny] })).toEqual({ endpointSelector: { matchLabels: { 'k8s:app': 'web' } }, ingressDeny: [{ fromCIDRSet: [{ cidr: '192.0.2.0/24' }] }] });
    expect(spec({ order: 1, isolate: [], rules: [deny] }).enableDefaultDeny).toEqual({ ingress: false });
  });

  it('writes nothing for a policy that neither isolates nor has rules', () => {
    expect(renderCilium([intent({ isolate: [] })])).toEqual([]);
  });
});

describe('renderCilium: deny and order', () => {
  const deny = (peers: Peer[], ports: Port[] = []): Rule => ({ ...ingress(peers, ports), action: 'deny' });
  const allowPolicy = (extra: Partial<PolicyIntent>) => intent({ name: 'allow-api', path: 'app/shop/AllowApi', rules: [ingress([Peer.pods({ app: 'api' })], [Port.tcp(8080)])], ...extra });
  const denyPolicy = (extra: Partial<PolicyIntent> = {}) => intent({ name: 'deny-api', path: 'app/shop/DenyApi', order: 10, rules: [deny([Peer.pods({ app: 'api' })], [Port.tcp(8080)])], ...extra });

  it('writes deny rules to ingressDeny when every allow that may overlap them comes later', () => {
    const [denied] = renderCilium([denyPolicy(), allowPolicy({})]);
    expect((denied as any).spec.ingressDeny).toEqual([{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
  });

  it('refuses a deny that an earlier allow overlaps: Cilium would deny what the intent lets that allow decide', () => {
    expect(problemsOf([denyPolicy(), allowPolicy({ order: 5 })])).toEqual([
      "app/shop/DenyApi: rules[0]: a deny rule that an allow evaluated before it may overlap (app/shop/AllowApi: rules[0]; Cilium's deny beats every allow: give the deny's policy a lower order than the allow's, or make them disjoint) cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)",
    ]);
    // The same order decides by name: allow-api sorts before deny-api.
    expect(problemsOf([denyPolicy(), allowPolicy({ order: 10 })])).toHaveLength(1);
    // Within one policy, rule position decides.
    expect(problemsOf([intent({ order: 1, rules: [ingress([Peer.pods({ app: 'api' })]), deny([Peer.pods({ app: 'api' })])] })])[0]).toContain('app/shop/Web: rules[1]: a deny rule that an allow evaluated before it may overlap (app/shop/Web: rules[0]');
    expect(problemsOf([intent({ order: 1, rules: [deny([Peer.pods({ app: 'api' })]), ingress([Peer.pods({ app: 'api' })])] })])).toEqual([]);
  });

  it('refuses a deny of one address (/32, /128) that an earlier allow of the same address lets through', () => {
    for (const cidr of ['192.0.2.1/32', '2001:db8::1/128']) {
      const allow = intent({ name: 'allow-one', path: 'app/shop/AllowOne', order: 5, rules: [ingress([Peer.cidr(cidr)])] });
      const denyOne = intent({ name: 'deny-one', path: 'app/shop/DenyOne', order: 10, rules: [deny([Peer.cidr(cidr)])] });
      const problems = problemsOf([allow, denyOne]);
      expect(problems, cidr).toHaveLength(1);
      expect(problems[0]).toContain('app/shop/DenyOne: rules[0]: a deny rule that an allow evaluated before it may overlap (app/shop/AllowOne: rules[0]');
      // Another address in the same /24 is disjoint.
      expect(problemsOf([allow, { ...denyOne, rules: [deny([Peer.cidr(cidr.replace(/1\/(32|128)$/, '2/$1'))])] }]), cidr).toEqual([]);
    }
  });

  it('accepts a deny after an allow it provably does not overlap', () => {
    const disjoint: Partial<PolicyIntent>[] = [
      { rules: [ingress([Peer.pods({ app: 'front' })], [Port.tcp(8080)])] },
      { rules: [ingress([Peer.pods({ app: 'api' })], [Port.udp(8080)])] },
      { rules: [ingress([Peer.pods({ app: 'api' }, ['other'])], [Port.tcp(8080)])] },
      { rules: [ingress([Peer.cidr('192.0.2.0/24')])] },
      { rules: [rule('egress', [Peer.pods({ app: 'api' })])], isolate: ['egress'] },
      { subject: { pods: { matchLabels: { app: 'db' } } } },
      { scope: { namespace: 'api' } },
    ];
    for (const extra of disjoint) expect(problemsOf([denyPolicy(), allowPolicy({ order: 5, ...extra })]), JSON.stringify(extra)).toEqual([]);
  });

  it('refuses a deny of pods that an earlier allow of an entity containing them (cluster, all) lets through', () => {
    for (const entity of ['cluster', 'all'] as const) {
      const allow = intent({ name: 'allow-cluster', path: 'app/shop/AllowCluster', order: 1, rules: [ingress([Peer.entity(entity)])] });
      const denyWeb = intent({ name: 'deny-web', path: 'app/shop/DenyWeb', order: 3, rules: [deny([Peer.pods({ app: 'web' })])] });
      expect(problemsOf([allow, denyWeb])[0], entity).toContain('app/shop/DenyWeb: rules[0]: a deny rule that an allow evaluated before it may overlap (app/shop/AllowCluster: rules[0]');
    }
    // world is everything outside the cluster: no pod is in it.
    expect(problemsOf([intent({ name: 'allow-world', order: 1, rules: [ingress([Peer.entity('world')])] }), intent({ name: 'deny-web', order: 3, rules: [deny([Peer.pods({ app: 'web' })])] })])).toEqual([]);
  });

  // Every pair of peer kinds, an allow at order 1 and a deny at order 3 (both directions): when
  // Cilium accepts them, its YAML means what the intents mean on a cluster with pods of both sides.
  it('means what the intents mean whenever it accepts an earlier allow and a later deny, for every pair of peer kinds', () => {
    const peers: Peer[] = [
      ...ENTITIES.map((entity) => Peer.entity(entity)),
      Peer.pods({ app: 'web' }),
      Peer.pods({ app: 'api' }, ['payments']),
      Peer.namespace('payments'),
      Peer.serviceAccount({ names: ['robot'] }),
      Peer.cidr('192.0.2.0/24'),
      Peer.cidr('192.0.2.1/32'),
    ];
    const workloads = fixtureWorkloads({
      pods: { 'shop/web': { labels: { app: 'web' }, serviceAccount: 'robot' }, 'shop/api': { labels: { app: 'api' } }, 'payments/api': { labels: { app: 'api' } } },
      apiServer: ['192.0.2.10'],
    });
    for (const allowed of peers) {
      for (const denied of peers) {
        for (const direction of ['ingress', 'egress'] as const) {
          const subject = { pods: {} };
          const allow = intent({ name: 'allow', order: 1, subject, isolate: [direction], rules: [rule(direction, [allowed])] });
          const denyIt = intent({ name: 'deny', order: 3, subject, isolate: [direction], rules: [{ ...rule(direction, [denied]), action: 'deny' }] });
          const differences = meaningDifferences('cilium', [allow, denyIt], workloads);
          if (differences) expect(differences.filter((line) => !line.startsWith('not analysed')), JSON.stringify([allowed, denied, direction])).toEqual([]);
        }
      }
    }
  });

  it('decides overlap across a cluster-wide and a namespaced policy', () => {
    const clusterAllow = allowPolicy({ order: 5, scope: 'cluster', subject: { pods: { matchLabels: { app: 'web' } }, namespaces: { names: ['shop', 'api'] } }, rules: [ingress([Peer.pods({ app: 'api' }, ['shop'])], [Port.tcp(8080)])] });
    expect(problemsOf([denyPolicy(), clusterAllow])).toHaveLength(1);
    expect(problemsOf([denyPolicy(), { ...clusterAllow, subject: { ...clusterAllow.subject, namespaces: { names: ['api'] } } }])).toEqual([]);
  });
});

describe('renderCilium: what the matrix refuses', () => {
  const refusals: [string, Partial<PolicyIntent>, string][] = [
    ['pass', { order: 1, rules: [{ ...ingress([]), action: 'pass' }] }, 'rules[0].action: pass rules cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)'],
    ['log', { rules: [{ ...ingress([]), action: 'log' }] }, 'rules[0].action: log rules cannot be expressed exactly in the cilium dialect (dialects that can: calico)'],
    ['tiers', { tier: { name: 'security', order: 1 } }, 'tier: tiers cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)'],
    ['service accounts by labels', { rules: [ingress([Peer.serviceAccount({ selector: { team: 'a' } })])] }, "rules[0].peers[0]: service-account peers selected by the accounts' labels cannot be expressed exactly in the cilium dialect (dialects that can: calico)"],
  ];
  it.each(refusals)('refuses %s, naming the construct path, the field and the dialects that can', (_, extra, message) => {
    expect(problemsOf([intent(extra)])).toEqual([`app/shop/Web: ${message}`]);
  });
});

describe('renderCilium: properties', () => {
  it('writes objects valid against the CRDs (unknown fields rejected) and the checks the CRDs leave to Cilium', () => {
    fc.assert(
      fc.property(ciliumIntents, (intents) => {
        for (const manifest of renderCilium(intents)) expect(ciliumErrors(manifest)).toEqual([]);
      }),
    );
  });

  it('reads back to intents with the same meaning', () => {
    fc.assert(
      fc.property(ciliumIntents, (intents) => {
        const { intents: read, notAnalysed } = readCilium(renderCilium(intents));
        expect(notAnalysed).toEqual([]);
        expect(meaning(read)).toEqual(meaning(intents));
      }),
    );
  });
});
