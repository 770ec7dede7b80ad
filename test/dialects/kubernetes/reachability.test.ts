// Kubernetes NetworkPolicy semantics (DIALECTS.md §1), hand-checked: YAML read back with the
// Kubernetes reader and evaluated, as `netpol reach` would.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../lib/analysis/manifests';
import { readPolicies } from '../../../lib/analysis/policies';
import { yamlConnections } from '../../support/reach';

function networkPolicy(spec: string, namespace = 'shop') {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ${namespace}}\nspec:\n${spec.replace(/^/gm, '  ')}`;
}

const connections = (yaml: string) => yamlConnections(yaml, 'kubernetes');

describe('policyTypes defaulting', () => {
  it('isolates ingress when policyTypes is absent and there are no egress rules, and leaves egress open', () => {
    const conn = connections(networkPolicy('podSelector: {matchLabels: {app: api}}'));
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
    expect(conn('shop/api', 'shop/web')).toBe('All Connections');
  });

  it('adds Egress only when there is at least one egress rule (egress: [] does not count)', () => {
    const withRule = connections(networkPolicy('podSelector: {matchLabels: {app: api}}\negress: [{ports: [{port: 53, protocol: UDP}]}]'));
    expect(withRule('shop/api', 'shop/web')).toBe('UDP 53');
    expect(withRule('shop/web', 'shop/api')).toBe('No Connections');
    const emptyList = connections(networkPolicy('podSelector: {matchLabels: {app: api}}\negress: []'));
    expect(emptyList('shop/api', 'shop/web')).toBe('All Connections');
  });

  it('defaults an empty policyTypes list like an absent one', () => {
    expect(connections(networkPolicy('podSelector: {}\npolicyTypes: []'))('shop/web', 'shop/api')).toBe('No Connections');
  });

  it('ignores the rules of a direction policyTypes does not list', () => {
    const conn = connections(networkPolicy('podSelector: {}\npolicyTypes: [Egress]\ningress: [{}]\negress: [{ports: [{port: 443}]}]'));
    expect(conn('ops/tool', 'shop/api')).toBe('All Connections');
    expect(conn('shop/web', 'ops/tool')).toBe('TCP 443');
  });
});

describe('empty versus missing', () => {
  it('allows nothing with ingress: [] and everything with ingress: [{}]', () => {
    expect(connections(networkPolicy('podSelector: {}\npolicyTypes: [Ingress]\ningress: []'))('ops/tool', 'shop/api')).toBe('No Connections');
    expect(connections(networkPolicy('podSelector: {}\npolicyTypes: [Ingress]\ningress: [{}]'))('ops/tool', 'shop/api')).toBe('All Connections');
    expect(connections(networkPolicy('podSelector: {}\ningress: [{from: [], ports: []}]'))('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('All Connections');
  });

  it('reads podSelector: {} as every pod of the policy\'s namespace and namespaceSelector: {} as every pod', () => {
    const samePods = connections(networkPolicy('podSelector: {}\ningress: [{from: [{podSelector: {}}]}]'));
    expect(samePods('shop/web', 'shop/api')).toBe('All Connections');
    expect(samePods('ops/tool', 'shop/api')).toBe('No Connections');
    const allPods = connections(networkPolicy('podSelector: {}\ningress: [{from: [{namespaceSelector: {}}]}]'));
    expect(allPods('ops/tool', 'shop/api')).toBe('All Connections');
    expect(allPods('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('No Connections');
  });
});

describe('peers', () => {
  it('ANDs a namespaceSelector and a podSelector in one peer, and ORs two peers', () => {
    const and = connections(networkPolicy('podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: ops}}\n    podSelector: {matchLabels: {app: web}}'));
    expect(and('ops/web', 'shop/api')).toBe('All Connections');
    expect(and('ops/tool', 'shop/api')).toBe('No Connections');
    expect(and('shop/web', 'shop/api')).toBe('No Connections');
    const or = connections(networkPolicy('podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: ops}}\n  - podSelector: {matchLabels: {app: web}}'));
    expect(or('ops/tool', 'shop/api')).toBe('All Connections');
    expect(or('shop/web', 'shop/api')).toBe('All Connections');
    expect(or('shop/batch', 'shop/api')).toBe('No Connections');
  });

  it('lets NotIn match a pod that lacks the key', () => {
    const conn = connections(networkPolicy('podSelector: {}\ningress:\n- from:\n  - podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [backend]}]}'));
    expect(conn('shop/web', 'shop/batch')).toBe('All Connections');
    expect(conn('shop/api', 'shop/batch')).toBe('No Connections');
  });

  it('matches ipBlock peers on external addresses minus the except ranges, never on pods', () => {
    const conn = connections(networkPolicy('podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}'));
    expect(conn('10.0.0.0-10.0.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(conn('10.2.0.0-10.255.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(conn('10.1.0.0-10.1.255.255[External]', 'shop/api')).toBe('No Connections');
    expect(conn('0.0.0.0-9.255.255.255[External]', 'shop/api')).toBe('No Connections');
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
  });
});

describe('ports', () => {
  it('resolves a named port per destination pod, and matches nothing on a protocol mismatch', () => {
    const conn = connections(networkPolicy('podSelector: {}\ningress: [{ports: [{port: http}]}]'));
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 8080');
    expect(conn('ops/tool', 'shop/api')).toBe('TCP 9000');
    // batch's "http" is UDP; the rule's protocol defaults to TCP.
    expect(conn('ops/tool', 'shop/batch')).toBe('No Connections');
    const udp = connections(networkPolicy('podSelector: {}\ningress: [{ports: [{port: http, protocol: UDP}]}]'));
    expect(udp('ops/tool', 'shop/batch')).toBe('UDP 8080');
  });

  it('allows a port range with endPort, and SCTP', () => {
    const conn = connections(networkPolicy('podSelector: {}\ningress: [{ports: [{port: 8000, endPort: 8100}, {protocol: SCTP, port: 7070}]}]'));
    expect(conn('ops/tool', 'shop/api')).toBe('SCTP 7070,TCP 8000-8100');
  });
});

describe('reader limits', () => {
  it('reports a policy it cannot read as not analysed, never as allowing or denying', () => {
    const policies = readPolicies(parseManifests(networkPolicy('podSelector: {}\ningress: [{ports: [{port: 53, protocol: ICMP}]}]'), 'p.yaml').map((sourced) => sourced.manifest));
    expect(policies.intents).toEqual([]);
    expect(policies.notAnalysed).toEqual([{ policy: 'NetworkPolicy shop/p', feature: 'protocol "ICMP"' }]);
  });

  it('reads a policy given twice once, when both mean the same, and refuses two of one name that differ', () => {
    const read = (...specs: string[]) => readPolicies(parseManifests(specs.join('\n---\n'), 'p.yaml').map((sourced) => sourced.manifest));
    // A dump of the cluster beside the file: key order, the defaulted policyTypes and TCP differ, the meaning does not.
    const file = networkPolicy('podSelector: {matchLabels: {app: db, tier: data}}\ningress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 5432}]}]');
    const dump = networkPolicy('policyTypes: [Ingress]\ningress: [{ports: [{protocol: TCP, port: 5432}], from: [{podSelector: {matchLabels: {app: api}}}]}]\npodSelector: {matchLabels: {tier: data, app: db}}');
    expect(read(file, dump).intents).toEqual(read(file).intents);
    expect(read(file, dump).intents).toHaveLength(1);
    // Read as the sum of both, this would allow more than either: a cluster holds one of them.
    expect(() => read(file, networkPolicy('podSelector: {matchLabels: {app: db, tier: data}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]'))).toThrow(
      'NetworkPolicy shop/p: is given twice, meaning different things: a cluster holds one NetworkPolicy of a name in a namespace; give one (to compare two versions, use netpol diff)',
    );
    // Another namespace, or another API group's kind of the same name, is another object.
    expect(read(file, networkPolicy('podSelector: {}', 'ops')).intents).toHaveLength(2);
    expect(read(file, 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {selector: all(), types: [Ingress]}').intents).toHaveLength(2);
  });

  it('reads an ipBlock with host bits as its network, as the API server does without strict CIDR validation', () => {
    const conn = connections(networkPolicy('podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.1/8}}]}]'));
    expect(conn('10.0.0.0-10.255.255.255[External]', 'shop/api')).toBe('All Connections');
  });
});
