import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../lib';
import { policyIntentSchema } from '../../../lib/model/intent';
import { DENY_ORDER, readCilium } from '../../../lib/dialects/cilium/read';

const cnp = (spec: Record<string, unknown>, name = 'web'): Manifest => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: 'shop' }, spec });
const ccnp = (spec: Record<string, unknown>, name = 'all'): Manifest => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
const web = { matchLabels: { 'k8s:app': 'web' } };
const read = (...manifests: Manifest[]) => readCilium(manifests);
const onlyIntent = (manifest: Manifest) => {
  const { intents, notAnalysed } = read(manifest);
  expect(notAnalysed).toEqual([]);
  expect(intents).toHaveLength(1);
  return intents[0];
};
const ingressPeers = (rule: Record<string, unknown>, policy: (spec: Record<string, unknown>) => Manifest = cnp) => onlyIntent(policy({ endpointSelector: web, ingress: [rule] })).rules.map((r) => r.peers);
const notAnalysed = (manifest: Manifest) => read(manifest).notAnalysed.map((entry) => `${entry.policy}: ${entry.feature}`);

describe('readCilium: deny beats every allow', () => {
  it('reads deny rules into an intent ordered before every allow, and the allows and isolation into one without order', () => {
    const policy = cnp({
      endpointSelector: web,
      ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }] }],
      ingressDeny: [{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }] }] }],
    });
    const kubernetes: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'open', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{}] } };
    const { intents, notAnalysed: none } = read(kubernetes, policy);
    expect(none).toEqual([]);
    const [open, deny, allow] = intents;
    expect(deny).toEqual({
      name: 'web',
      scope: { namespace: 'shop' },
      subject: { pods: { matchLabels: { app: 'web' } } },
      isolate: [],
      order: DENY_ORDER,
      rules: [{ direction: 'ingress', action: 'deny', peers: [{ kind: 'pods', pods: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 22 }] }],
      path: 'CiliumNetworkPolicy shop/web',
    });
    expect(allow).toMatchObject({ name: 'web', isolate: ['ingress'], rules: [{ direction: 'ingress', action: 'allow', peers: [{ kind: 'pods', pods: { matchLabels: { app: 'api' } } }], ports: [] }] });
    // Allows carry no order, so by the model's semantics every deny intent is visited first.
    expect([open.order, allow.order]).toEqual([undefined, undefined]);
    for (const intent of intents) expect(policyIntentSchema.safeParse(intent).success).toBe(true);
  });

  it('isolates with deny rules alone, as Cilium does, unless enableDefaultDeny says otherwise', () => {
    const deny = { ingressDeny: [{ fromEntities: ['world'] }] };
    const [, isolating] = read(cnp({ endpointSelector: {}, ...deny })).intents;
    expect(isolating).toMatchObject({ isolate: ['ingress'], rules: [] });
    expect(read(cnp({ endpointSelector: {}, ...deny, enableDefaultDeny: { ingress: false } })).intents).toHaveLength(1);
  });
});

describe('readCilium: isolation and empty rules', () => {
  it('isolates a direction that has rules, unless enableDefaultDeny is false for it', () => {
    expect(onlyIntent(cnp({ endpointSelector: web, ingress: [{ fromEntities: ['world'] }] })).isolate).toEqual(['ingress']);
    expect(onlyIntent(cnp({ endpointSelector: web, ingress: [{ fromEntities: ['world'] }], enableDefaultDeny: { ingress: false, egress: false } })).isolate).toEqual([]);
  });

  it('reads the empty rule {} as isolating and allowing nothing', () => {
    expect(onlyIntent(cnp({ endpointSelector: {}, ingress: [{}], egress: [{}] }))).toMatchObject({ isolate: ['ingress', 'egress'], rules: [] });
  });

  it('reads an empty peer list as selecting nothing, and ports without peers as any peer', () => {
    expect(ingressPeers({ fromEndpoints: [] })).toEqual([]);
    expect(ingressPeers({ fromEndpoints: [], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] })).toEqual([]);
    expect(ingressPeers({ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] })).toEqual([[]]);
  });

  it('does not guess what enableDefaultDeny true means for a direction without rules', () => {
    expect(notAnalysed(cnp({ endpointSelector: {}, ingress: [{}], enableDefaultDeny: { egress: true } }))).toEqual([
      'CiliumNetworkPolicy shop/web: enableDefaultDeny.egress true for a direction without rules',
    ]);
  });
});

describe('readCilium: selectors and namespaces', () => {
  it('confines a CNP peer without a namespace key to the policy namespace (Cilium injects it)', () => {
    expect(ingressPeers({ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }, {}] })).toEqual([[{ kind: 'pods', pods: { matchLabels: { app: 'api' } } }, { kind: 'pods', pods: {} }]]);
  });

  it('reads a CCNP peer without a namespace key as pods of every namespace (Cilium adds the key with Exists)', () => {
    expect(ingressPeers({ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }, {}] }, ccnp)).toEqual([
      [{ kind: 'pods', pods: { matchLabels: { app: 'api' } }, namespaces: 'all' }, { kind: 'namespaces', namespaces: 'all' }],
    ]);
  });

  it('reads the namespace key (with or without the k8s: source) as namespaces by name, and Exists as every namespace', () => {
    expect(
      ingressPeers({
        fromEndpoints: [
          { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'api', app: 'x' } },
          { matchLabels: { 'io.kubernetes.pod.namespace': 'jobs' } },
          { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'In', values: ['a', 'b'] }] },
          { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] },
          { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system'] }] },
        ],
      }),
    ).toEqual([
      [
        { kind: 'pods', pods: { matchLabels: { app: 'x' } }, namespaces: { names: ['api'] } },
        { kind: 'namespaces', namespaces: { names: ['jobs'] } },
        { kind: 'namespaces', namespaces: { names: ['a', 'b'] } },
        { kind: 'namespaces', namespaces: 'all' },
        { kind: 'namespaces', namespaces: { selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } } },
      ],
    ]);
  });

  it('reads namespace labels in a CCNP, and reports them in a CNP, where Cilium versions disagree', () => {
    const peer = { fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'a' } }] };
    expect(ingressPeers(peer, ccnp)).toEqual([[{ kind: 'namespaces', namespaces: { selector: { matchLabels: { team: 'a' } } } }]]);
    expect(notAnalysed(cnp({ endpointSelector: {}, ingress: [peer] }))).toEqual([
      'CiliumNetworkPolicy shop/web: a namespace-label selector in a CiliumNetworkPolicy peer (documented as CCNP-only; Cilium versions differ)',
    ]);
  });

  it('reads service accounts, CCNP subjects and reserved identities', () => {
    expect(ingressPeers({ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.policy.serviceaccount': 'api' } }, { matchLabels: { 'reserved:host': '' } }] })).toEqual([
      [{ kind: 'serviceAccount', names: ['api'] }, { kind: 'entity', entity: 'host' }],
    ]);
    expect(onlyIntent(ccnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop', 'k8s:app': 'web' } }, ingress: [{}] })).subject).toEqual({
      pods: { matchLabels: { app: 'web' } },
      namespaces: { names: ['shop'] },
    });
    expect(onlyIntent(ccnp({ endpointSelector: {}, ingress: [{}] })).subject).toEqual({ pods: {} });
  });

  it("accepts a CNP subject that names its own namespace (Cilium adds it anyway), and reports one naming another", () => {
    expect(onlyIntent(cnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop', 'k8s:app': 'web' } }, ingress: [{}] })).subject).toEqual({ pods: { matchLabels: { app: 'web' } } });
    expect(notAnalysed(cnp({ endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'api' } }, ingress: [{}] }))).toEqual([
      'CiliumNetworkPolicy shop/web: a CiliumNetworkPolicy endpointSelector on namespace labels or another namespace',
    ]);
  });
});

describe('readCilium: peers and ports', () => {
  it('reads entities, with all as any peer and none as no peer', () => {
    expect(ingressPeers({ fromEntities: ['world', 'kube-apiserver'] })).toEqual([[{ kind: 'entity', entity: 'world' }, { kind: 'entity', entity: 'kube-apiserver' }]]);
    expect(ingressPeers({ fromEntities: ['all', 'world'] })).toEqual([[]]);
    expect(ingressPeers({ fromEntities: ['none'] })).toEqual([]);
  });

  it('reads CIDR sets with except, and plain addresses in fromCIDR as one-address ranges', () => {
    expect(ingressPeers({ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] })).toEqual([[{ kind: 'cidr', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }]]);
    expect(ingressPeers({ fromCIDR: ['192.0.2.1', '2001:db8::/32'] })).toEqual([[{ kind: 'cidr', cidr: '192.0.2.1/32' }, { kind: 'cidr', cidr: '2001:db8::/32' }]]);
  });

  it('reads ANY (or no protocol) as TCP, UDP and SCTP, port "0" as every port, endPort as a range, and ICMP types', () => {
    const rules = onlyIntent(
      cnp({
        endpointSelector: {},
        ingress: [
          { toPorts: [{ ports: [{ port: '53' }, { port: '0', protocol: 'TCP' }, { port: '8000', endPort: 8100, protocol: 'UDP' }, { port: 'HTTP', protocol: 'TCP' }] }] },
          { icmps: [{ fields: [{ type: 8 }, { type: '128', family: 'IPv6' }] }] },
        ],
      }),
    ).rules;
    expect(rules.map((rule) => rule.ports)).toEqual([
      [
        { protocol: 'TCP', port: 53 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'SCTP', port: 53 },
        { protocol: 'TCP' },
        { protocol: 'UDP', port: 8000, endPort: 8100 },
        { protocol: 'TCP', port: 'http' },
      ],
      [{ protocol: 'ICMP', icmpType: 8 }, { protocol: 'ICMPv6', icmpType: 128 }],
    ]);
  });

  it('reads FQDN peers, DNS rules and HTTP rules', () => {
    const egress = onlyIntent(
      cnp({
        endpointSelector: {},
        egress: [
          { toFQDNs: [{ matchName: 'API.example.com' }, { matchPattern: '*.example.org' }] },
          { toEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] },
          { toEndpoints: [{}], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/v1/.*', headers: ['X-Team: a b'] }] } }] },
        ],
      }),
    ).rules;
    expect(egress[0].peers).toEqual([{ kind: 'fqdn', pattern: 'api.example.com' }, { kind: 'fqdn', pattern: '*.example.org' }]);
    expect(egress[1].dns).toEqual([{ pattern: '*' }]);
    expect(egress[2].http).toEqual([{ method: 'GET', path: '/v1/.*', headers: { 'X-Team': 'a b' } }]);
  });

  it('reads DNS rules on ANY or no protocol as UDP and TCP, the two protocols the DNS proxy answers on', () => {
    const dnsRule = (ports: Record<string, string>[]) => ({ toEndpoints: [{}], toPorts: [{ ports, rules: { dns: [{ matchPattern: '*.example.com' }] } }] });
    const egress = onlyIntent(cnp({ endpointSelector: {}, egress: [dnsRule([{ port: '53', protocol: 'ANY' }]), dnsRule([{ port: '53' }]), dnsRule([{ port: '5353', protocol: 'UDP' }])] })).rules;
    expect(egress.map((rule) => rule.ports)).toEqual([
      [{ protocol: 'TCP', port: 53 }, { protocol: 'UDP', port: 53 }],
      [{ protocol: 'TCP', port: 53 }, { protocol: 'UDP', port: 53 }],
      [{ protocol: 'UDP', port: 5353 }],
    ]);
    expect(egress.map((rule) => rule.dns)).toEqual(Array(3).fill([{ pattern: '*.example.com' }]));
  });

  it('reads every rule of specs', () => {
    const { intents } = read(cnp({ endpointSelector: web, ingress: [{}] }), { ...cnp({}), spec: undefined, specs: [{ endpointSelector: {}, egress: [{}] }, { endpointSelector: web, ingress: [{}] }] } as Manifest);
    expect(intents.map((intent) => intent.isolate)).toEqual([['ingress'], ['egress'], ['ingress']]);
  });
});

describe('readCilium: fromRequires and toRequires', () => {
  it('ignores them, as Cilium 1.19 and later do, with a notice naming the policy', () => {
    const policy = cnp({
      endpointSelector: web,
      ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }], fromRequires: [{ matchLabels: { 'k8s:env': 'prod' } }] }],
      egress: [{ toEndpoints: [{}], toRequires: [{ matchLabels: { 'k8s:env': 'prod' } }] }, { toEntities: ['world'], toRequires: [{ matchLabels: { 'k8s:env': 'prod' } }] }],
    });
    const result = read(policy);
    expect(result.notAnalysed).toEqual([]);
    expect(result.intents[0].rules.map((rule) => rule.peers)).toEqual([[{ kind: 'pods', pods: { matchLabels: { app: 'api' } } }], [{ kind: 'pods', pods: {} }], [{ kind: 'entity', entity: 'world' }]]);
    // One notice per policy and field, however many rules carry it.
    expect(result.notices).toEqual([
      'CiliumNetworkPolicy shop/web: fromRequires ignored: Cilium 1.19 and later no longer enforce it (an older Cilium enforces it, and may allow less)',
      'CiliumNetworkPolicy shop/web: toRequires ignored: Cilium 1.19 and later no longer enforce it (an older Cilium enforces it, and may allow less)',
    ]);
  });

  it('says nothing of empty ones, nor of a policy that is not analysed anyway', () => {
    expect(read(cnp({ endpointSelector: web, ingress: [{ fromEndpoints: [{}], fromRequires: [] }] })).notices).toBeUndefined();
    const both = read(cnp({ endpointSelector: web, ingress: [{ fromEndpoints: [{}], fromRequires: [{}] }, { fromNodes: [{}] }] }));
    expect([both.notices, both.notAnalysed.map((entry) => entry.feature)]).toEqual([undefined, ['fromNodes']]);
  });
});

describe('readCilium: CIDR groups', () => {
  const group = (name: string, externalCIDRs: string[], apiVersion = 'cilium.io/v2'): Manifest => ({ apiVersion, kind: 'CiliumCIDRGroup', metadata: { name }, spec: { externalCIDRs } });
  const toGroups = (...cidrRules: Record<string, unknown>[]) => cnp({ endpointSelector: web, egress: [{ toCIDRSet: cidrRules, toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] });

  it('resolves cidrGroupRef to the CIDRs of the CiliumCIDRGroup of that name, in either API version', () => {
    const { intents, notAnalysed: none } = read(group('office', ['192.0.2.0/24', '2001:db8::/32']), group('vpn', ['198.51.100.7/32'], 'cilium.io/v2alpha1'), toGroups({ cidrGroupRef: 'office' }, { cidrGroupRef: 'vpn' }, { cidr: '203.0.113.0/24' }));
    expect(none).toEqual([]);
    expect(intents.map((intent) => intent.rules.map((rule) => rule.peers))).toEqual([
      [[{ kind: 'cidr', cidr: '192.0.2.0/24' }, { kind: 'cidr', cidr: '2001:db8::/32' }, { kind: 'cidr', cidr: '198.51.100.7/32' }, { kind: 'cidr', cidr: '203.0.113.0/24' }]],
    ]);
  });

  it('reads a group without CIDRs as selecting no address: the rule allows nothing, the policy still isolates', () => {
    expect(read(group('empty', []), toGroups({ cidrGroupRef: 'empty' })).intents).toMatchObject([{ isolate: ['egress'], rules: [] }]);
  });

  it('does not analyse a reference to an unknown group, to a group given twice differently, or with except', () => {
    const notAnalysedWith = (...manifests: Manifest[]) => read(...manifests).notAnalysed.map((entry) => entry.feature);
    expect(notAnalysedWith(group('office', ['192.0.2.0/24']), toGroups({ cidrGroupRef: 'lab' }))).toEqual(['cidrGroupRef "lab": no CiliumCIDRGroup of that name in the input']);
    expect(notAnalysedWith(group('office', ['192.0.2.0/24']), group('office', ['192.0.2.0/24'], 'cilium.io/v2alpha1'), toGroups({ cidrGroupRef: 'office' }))).toEqual([]);
    expect(notAnalysedWith(group('office', ['192.0.2.0/24']), group('office', ['198.51.100.0/24'], 'cilium.io/v2alpha1'), toGroups({ cidrGroupRef: 'office' }))).toEqual([
      'cidrGroupRef "office": the input has two CiliumCIDRGroups of that name with different CIDRs',
    ]);
    expect(notAnalysedWith(group('office', ['192.0.2.0/24']), toGroups({ cidrGroupRef: 'office', except: ['192.0.2.0/25'] }))).toEqual(['except beside cidrGroupRef "office"']);
    // Only Cilium's own kind counts: another API's object of the same kind name defines nothing.
    expect(notAnalysedWith({ ...group('office', ['192.0.2.0/24']), apiVersion: 'example.com/v1' }, toGroups({ cidrGroupRef: 'office' }))).toEqual(['cidrGroupRef "office": no CiliumCIDRGroup of that name in the input']);
  });
});

describe('readCilium: what it does not model is not analysed', () => {
  const cases: [string, Manifest, string][] = [
    ['a host policy', ccnp({ nodeSelector: {}, ingress: [{}] }), 'a host policy (nodeSelector)'],
    ['toServices', cnp({ endpointSelector: {}, egress: [{ toServices: [{ k8sService: { serviceName: 'x' } }] }] }), 'toServices'],
    ['toGroups', cnp({ endpointSelector: {}, egress: [{ toGroups: [{ aws: {} }] }] }), 'toGroups'],
    ['fromNodes', cnp({ endpointSelector: {}, ingress: [{ fromNodes: [{}] }] }), 'fromNodes'],
    ['toNodes', ccnp({ endpointSelector: {}, egress: [{ toNodes: [{ matchLabels: { 'node-role.kubernetes.io/control-plane': '' } }] }] }), 'toNodes'],
    ['fromGroups', cnp({ endpointSelector: {}, ingress: [{ fromGroups: [{ aws: { securityGroupsIds: ['sg-1'] } }] }] }), 'fromGroups'],
    ['authentication', cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{}], authentication: { mode: 'required' } }] }), 'authentication'],
    ['a CIDR group the input does not define', cnp({ endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupRef: 'office' }] }] }), 'cidrGroupRef "office": no CiliumCIDRGroup of that name in the input'],
    ['CIDR group selectors', cnp({ endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupSelector: { matchLabels: { a: 'b' } } }] }] }), 'a CIDR group selector (cidrGroupSelector)'],
    ['Kafka', cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '9092', protocol: 'TCP' }], rules: { kafka: [{ topic: 'a' }] } }] }] }), 'L7 rules of kind kafka'],
    ['TLS interception', cnp({ endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['a.com'] }] }] }), 'toPorts serverNames'],
    ['unknown reserved labels', cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'reserved:world-ipv4': '' } }] }] }), 'an endpoint selector on reserved labels (world-ipv4)'],
    ['the cluster-mesh label', cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.policy.cluster': 'east' } }] }] }), 'selector key "k8s:io.cilium.k8s.policy.cluster"'],
    ['other label sources', cnp({ endpointSelector: { matchLabels: { 'container:app': 'x' } }, ingress: [{}] }), 'selector key "container:app" (labels of source container)'],
    ['mixed peer kinds', cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{}], fromEntities: ['world'] }] }), 'a rule mixing two kinds of peer (Cilium rejects it)'],
    ['egress named ports', cnp({ endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: 'postgres', protocol: 'TCP' }] }] }] }), 'named port "postgres" in an egress rule'],
    ['ICMP types by name', cnp({ endpointSelector: {}, ingress: [{ icmps: [{ fields: [{ type: 'EchoRequest' }] }] }] }), 'ICMP type "EchoRequest"'],
    ['header presence', cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ headers: ['X-Token'] }] } }] }] }), 'HTTP header presence match "X-Token"'],
    ['headerMatches', cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ headerMatches: [{ name: 'a' }] }] } }] }] }), 'HTTP rule fields headerMatches'],
    ['DNS rules on SCTP', cnp({ endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'SCTP' }], rules: { dns: [{ matchPattern: '*' }] } }] }] }), 'DNS rules on protocol "SCTP"'],
  ];
  it.each(cases)('%s', (_, manifest, feature) => {
    expect(notAnalysed(manifest)).toEqual([`${manifest.kind} ${manifest.metadata.namespace ? 'shop/' : ''}${manifest.metadata.name}: ${feature}`]);
    expect(read(manifest).intents).toEqual([]);
  });
});

describe('readCilium: Kubernetes NetworkPolicies as Cilium enforces them', () => {
  const networkPolicy = (spec: Record<string, unknown>): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'shop' }, spec });

  it('reads them as the Kubernetes reader does, and ignores kinds Cilium does not enforce', () => {
    const policy = networkPolicy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'http' }] }] });
    const other = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'calico', namespace: 'shop' }, spec: {} };
    expect(read(policy, other).intents).toEqual([
      { name: 'np', scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: ['ingress'], rules: [{ direction: 'ingress', action: 'allow', peers: [], ports: [{ protocol: 'TCP', port: 'http' }] }], path: 'NetworkPolicy shop/np' },
    ]);
  });

  it('reports egress named ports, which Cilium does not resolve per destination', () => {
    expect(notAnalysed(networkPolicy({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'dns' }] }] }))).toEqual([
      'NetworkPolicy shop/np: a named port in an egress rule (Cilium resolves it across all pods, not per destination)',
    ]);
  });
});
