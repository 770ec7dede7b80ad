import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIALECTS, Manifest, PolicyIntent } from '../../../lib';
import { readCalico } from '../../../lib/dialects/calico/read';
import { renderCalico } from '../../../lib/dialects/calico/render';
import { calicoIntents } from '../../support/calico-arbitraries';
import { intentMeaning } from '../../support/meaning';
import { toYaml } from '../../support/synth';

/** Manifests from YAML, as a cluster's would be read. */
const manifests = (yaml: string): Manifest[] => parseAllDocuments(yaml).map((document) => document.toJS());
const calicoPolicy = (spec: string, extra = '') => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web, namespace: shop${extra}}
spec:
${spec}`;
const read = (yaml: string) => readCalico(manifests(yaml));
const readOne = (yaml: string): PolicyIntent => {
  const result = read(yaml);
  expect(result.notAnalysed).toEqual([]);
  expect(result.intents).toHaveLength(1);
  return result.intents[0];
};
const notAnalysed = (yaml: string) => read(yaml).notAnalysed.map((entry) => entry.feature).join('\n');

describe('readCalico: order, actions and types', () => {
  it('reads order, every action in rule order, and the selector of the subject', () => {
    const intent = readOne(calicoPolicy(`  order: 100
  selector: app == 'web' && tier != 'db'
  types: [Ingress]
  ingress:
  - {action: Log}
  - action: Deny
    source: {selector: "projectcalico.org/orchestrator == 'k8s' && app == 'bad'"}
  - {action: Pass, protocol: UDP}
  - {action: Allow}`));
    expect(intent).toEqual({
      name: 'web',
      scope: { namespace: 'shop' },
      subject: { pods: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } },
      isolate: ['ingress'],
      rules: [
        { direction: 'ingress', action: 'log', peers: [], ports: [] },
        { direction: 'ingress', action: 'deny', peers: [{ kind: 'pods', pods: { matchLabels: { app: 'bad' } } }], ports: [] },
        { direction: 'ingress', action: 'pass', peers: [], ports: [{ protocol: 'UDP' }] },
        { direction: 'ingress', action: 'allow', peers: [], ports: [] },
      ],
      order: 100,
      path: 'NetworkPolicy shop/web',
    });
  });

  it('defaults types as Calico does: egress only when there are egress rules and no ingress rules', () => {
    const isolate = (rules: string) => readOne(calicoPolicy(`  selector: all()\n${rules}`)).isolate;
    expect(isolate('  egress: [{action: Allow}]')).toEqual(['egress']);
    expect(isolate('  egress: [{action: Allow}]\n  ingress: [{action: Allow}]')).toEqual(['ingress', 'egress']);
    expect(isolate('')).toEqual(['ingress']);
  });

  it('leaves out the rules of a direction not among the types: Calico does not enforce them', () => {
    expect(readOne(calicoPolicy('  types: [Ingress]\n  egress: [{action: Deny}]')).rules).toEqual([]);
  });

  it('reads descriptions of the policy and its rules', () => {
    const intent = readOne(calicoPolicy("  types: [Ingress]\n  ingress:\n  - action: Allow\n    metadata: {annotations: {netpol.cdk8s.io/description: 'rule why'}}", ", annotations: {netpol.cdk8s.io/description: why}"));
    expect(intent.description).toBe('why');
    expect(intent.rules[0].description).toBe('rule why');
  });
});

describe('readCalico: tiers', () => {
  const tier = (name: string, spec: string) => `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ${name}}\nspec: ${spec}\n---\n`;
  const tiered = (name: string) => calicoPolicy(`  tier: ${name}\n  types: [Ingress]`, '');

  it('reads the tier of a policy from its Tier object, with its order and default action', () => {
    expect(readOne(tier('security', '{order: 100, defaultAction: Pass}') + tiered('security')).tier).toEqual({ name: 'security', order: 100, defaultAction: 'pass' });
    expect(readOne(tier('platform', '{order: 5}') + tiered('platform')).tier).toEqual({ name: 'platform', order: 5, defaultAction: 'deny' });
  });

  it('puts a tier without an order after every ordered one, and the default tier nowhere (the model default)', () => {
    expect(readOne(tier('last', '{}') + tiered('last')).tier).toEqual({ name: 'last', order: Number.MAX_VALUE, defaultAction: 'deny' });
    expect(readOne(tiered('default')).tier).toBeUndefined();
  });

  it("knows Calico's built-in tiers without their Tier objects", () => {
    expect(readOne(tiered('kube-admin')).tier).toEqual({ name: 'kube-admin', order: 1000, defaultAction: 'pass' });
    expect(readOne(tiered('baselineadminnetworkpolicy')).tier).toEqual({ name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'pass' });
  });

  it('does not analyse a policy whose tier is missing, invalid, or defined twice differently', () => {
    expect(notAnalysed(tiered('security'))).toBe('tier security, whose Tier object is not among the manifests');
    expect(notAnalysed(tier('security', '{order: 1, defaultAction: Log}') + tiered('security'))).toBe('tier security: default action "Log"');
    expect(notAnalysed(tier('security', '{order: 1}') + tier('security', '{order: 2}') + tiered('security'))).toBe('tier security: two different Tier objects');
  });
});

describe('readCalico: peers and ports', () => {
  const ingress = (rule: string) => readOne(calicoPolicy(`  types: [Ingress]\n  ingress:\n  - ${rule}`)).rules;

  it('reads nets less notNets as CIDRs with excepts, and leaves out nets a notNet covers', () => {
    expect(ingress("action: Allow\n    source: {nets: ['0.0.0.0/0', '192.168.0.0/16'], notNets: ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12', '11.0.0.0/8']}")[0].peers).toEqual([
      { kind: 'cidr', cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12', '11.0.0.0/8'] },
    ]);
  });

  it('leaves out a rule whose nets are all excluded: it matches nothing', () => {
    expect(ingress("action: Deny\n    source: {nets: ['10.1.0.0/16'], notNets: ['10.0.0.0/8']}")).toEqual([]);
  });

  it('reads port ranges, numeric strings, named ports, protocol numbers, every port, and ICMP', () => {
    const ports = (rule: string) => ingress(rule)[0].ports;
    expect(ports("action: Allow\n    protocol: TCP\n    destination: {ports: ['8000:8100', '443', '80:80', 'http', 22]}")).toEqual([
      { protocol: 'TCP', port: 8000, endPort: 8100 }, { protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 22 },
    ]);
    expect(ports('action: Allow\n    protocol: 17')).toEqual([{ protocol: 'UDP' }]);
    expect(ports('action: Allow\n    protocol: ICMP\n    icmp: {type: 8, code: 0}')).toEqual([{ protocol: 'ICMP', icmpType: 8, icmpCode: 0 }]);
    expect(ports('action: Allow\n    protocol: ICMPv6')).toEqual([{ protocol: 'ICMPv6' }]);
  });

  it('reads pods, namespaces (by name or labels), both together, and service accounts', () => {
    const peers = (source: string) => ingress(`action: Allow\n    source: ${source}`)[0].peers;
    expect(peers("{selector: \"projectcalico.org/orchestrator == 'k8s' && app == 'api'\"}")).toEqual([{ kind: 'pods', pods: { matchLabels: { app: 'api' } } }]);
    expect(peers("{namespaceSelector: \"projectcalico.org/name == 'ops'\", selector: \"projectcalico.org/orchestrator == 'k8s'\"}")).toEqual([{ kind: 'namespaces', namespaces: { names: ['ops'] } }]);
    expect(peers("{namespaceSelector: \"team == 'x'\", selector: \"app == 'a'\"}")).toEqual([{ kind: 'pods', pods: { matchLabels: { app: 'a' } }, namespaces: { selector: { matchLabels: { team: 'x' } } } }]);
    expect(peers('{namespaceSelector: all()}')).toEqual([{ kind: 'namespaces', namespaces: 'all' }]);
    expect(peers("{serviceAccounts: {names: [api], selector: \"team == 'x'\"}, namespaceSelector: \"projectcalico.org/name == 'b'\"}")).toEqual([
      { kind: 'serviceAccount', names: ['api'], selector: { matchLabels: { team: 'x' } }, namespaces: { names: ['b'] } },
    ]);
  });

  it('reads a GlobalNetworkPolicy: cluster scope, subject namespaces, and rule selectors in every namespace', () => {
    const intent = readOne(`apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: deny-all}
spec:
  selector: projectcalico.org/orchestrator == 'k8s'
  namespaceSelector: kubernetes.io/metadata.name not in { 'kube-system' }
  order: 5
  types: [Egress]
  egress:
  - action: Allow
    destination: {selector: "projectcalico.org/orchestrator == 'k8s' && k8s-app == 'kube-dns'"}`);
    expect(intent.scope).toBe('cluster');
    expect(intent.subject).toEqual({ pods: {}, namespaces: { selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } } });
    expect(intent.rules[0].peers).toEqual([{ kind: 'pods', pods: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaces: 'all' }]);
  });
});

describe('readCalico: Kubernetes NetworkPolicies as Calico enforces them', () => {
  it('puts them in the default tier at order 1000, beside Calico policies', () => {
    const result = read(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: 80}]}]
---
${calicoPolicy('  order: 10\n  types: [Ingress]\n  ingress: [{action: Deny}]')}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}`);
    expect(result.notAnalysed).toEqual([]);
    expect(result.intents.map((intent) => [intent.path, intent.tier, intent.order])).toEqual([['NetworkPolicy shop/allow-web', undefined, 1000], ['NetworkPolicy shop/web', undefined, 10]]);
    expect(result.intents[0].rules).toEqual([{ direction: 'ingress', action: 'allow', peers: [], ports: [{ protocol: 'TCP', port: 80 }] }]);
  });

  it('is the calico entry of the dialect registry, recognised by its own kinds', () => {
    expect(DIALECTS.calico?.read).toBe(readCalico);
    expect(DIALECTS.calico?.ownKinds).toEqual(expect.arrayContaining(['projectcalico.org/v3/NetworkPolicy', 'projectcalico.org/v3/GlobalNetworkPolicy', 'projectcalico.org/v3/Tier']));
  });
});

describe('readCalico: what it does not model is reported, never guessed', () => {
  const rule = (body: string) => calicoPolicy(`  types: [Ingress]\n  ingress:\n  - action: Allow\n${body}`);
  it.each([
    ['source ports', rule('    protocol: TCP\n    source: {ports: [80]}'), 'source ports'],
    ['nets and a selector together', rule("    source: {nets: ['10.0.0.0/8'], selector: \"app == 'a'\"}"), 'nets together with a selector'],
    ['notNets without nets', rule("    source: {notNets: ['10.0.0.0/8']}"), 'notNets without nets'],
    ['a non-canonical CIDR', rule("    source: {nets: ['10.0.0.1/8']}"), 'CIDR "10.0.0.1/8" that is not in canonical form'],
    ['HTTP matches', rule('    http: {methods: [GET]}'), 'rule field http'],
    ['services', rule('    source: {services: {name: web, namespace: shop}}'), 'source.services'],
    ['notProtocol of a protocol the model has not', rule('    notProtocol: UDPLite'), 'notProtocol UDPLite'],
    ['UDPLite', rule('    protocol: UDPLite'), 'protocol UDPLite'],
    ['a selector on Calico-derived pod labels', rule("    source: {selector: \"projectcalico.org/namespace == 'x'\"}"), "Calico's own label projectcalico.org/namespace"],
    ['ipVersion on pods', rule('    ipVersion: 4'), 'ipVersion 4 on a rule that matches both families'],
    ['a subject by service account', calicoPolicy("  serviceAccountSelector: \"role == 'x'\"\n  types: [Ingress]"), 'spec.serviceAccountSelector'],
    ['an invalid policy', rule("    source: {nets: ['10.0.0.0/8']}\n    destination: {notNets: ['::1/128']}"), 'an invalid policy, which Calico rejects'],
  ])('%s', (_, yaml, feature) => {
    expect(notAnalysed(yaml)).toContain(feature);
  });

  it('host endpoint options of a GlobalNetworkPolicy', () => {
    expect(notAnalysed('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: host}\nspec: {selector: all(), types: [Ingress], doNotTrack: true, applyOnForward: true}')).toBe(
      'doNotTrack, which applies to host endpoints',
    );
  });

  it('a selector that matches a host endpoint or network set among the manifests, unless it says pods only', () => {
    const networkSet = "\n---\napiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: partners, namespace: shop, labels: {app: partner}}\nspec: {nets: ['203.0.113.0/24']}";
    expect(notAnalysed(calicoPolicy("  types: [Ingress]\n  ingress:\n  - action: Allow\n    source: {selector: \"app == 'partner'\"}") + networkSet)).toBe(
      'selector "app == \'partner\'" matches NetworkSet shop/partners, which the analysis does not model',
    );
    expect(readOne(calicoPolicy("  types: [Ingress]\n  ingress:\n  - action: Allow\n    source: {selector: \"projectcalico.org/orchestrator == 'k8s' && app == 'partner'\"}") + networkSet).rules).toHaveLength(1);
    const hostEndpoint = "\n---\napiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata: {name: node1-eth0, labels: {role: node}}\nspec: {node: node1, interfaceName: eth0}";
    expect(notAnalysed('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: all}\nspec: {selector: all(), types: [Ingress]}' + hostEndpoint)).toContain('matches HostEndpoint node1-eth0');
  });

  it("Calico's internal API version, and ignores staged policies and AdminNetworkPolicies (the kubernetes-anp reader reads them beside)", () => {
    const result = read(`apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: old, namespace: shop}
spec: {selector: all()}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: admin}
spec: {priority: 1, subject: {namespaces: {}}}
---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: {name: maybe, namespace: shop}
spec: {selector: all()}`);
    expect(result.intents).toEqual([]);
    expect(result.notAnalysed).toEqual([
      { policy: 'NetworkPolicy shop/old', feature: "crd.projectcalico.org/v1, Calico's internal storage form (read projectcalico.org/v3 instead)" },
    ]);
  });
});

describe('readCalico(renderCalico(intents))', () => {
  it('means what the intents mean: same scope, subject, isolation, tier, order and rules (property, through YAML)', () => {
    fc.assert(
      fc.property(calicoIntents, (intents) => {
        const { intents: back, notAnalysed: skipped } = readCalico(manifests(toYaml(renderCalico(intents))));
        expect(skipped).toEqual([]);
        expect(back.map(intentMeaning)).toEqual(intents.map(intentMeaning));
        expect(back.map((intent) => [intent.name, intent.description])).toEqual(intents.map((intent) => [intent.name, intent.description]));
      }),
      { numRuns: 300 },
    );
  });
});
