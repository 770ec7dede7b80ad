// ClusterNetworkPolicy and ANP/BANP semantics (DIALECTS.md §4, §9.2), hand-checked: YAML read back
// with the network-policy-api readers beside NetworkPolicies and evaluated, as `netpol reach` would.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../lib/analysis/manifests';
import { readPolicies } from '../../../lib/analysis/policies';
import { yamlConnections } from '../../support/reach';

const ALL = 'All Connections';
const NONE = 'No Connections';

function cnp(name: string, spec: string): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec.replace(/^/gm, '  ')}\n---\n`;
}

function networkPolicy(spec: string, namespace = 'shop'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: ${namespace}}\nspec:\n${spec.replace(/^/gm, '  ')}\n---\n`;
}

const SHOP = '{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}';
const OPS = '{namespaces: {matchLabels: {kubernetes.io/metadata.name: ops}}}';
const API_ONLY_FROM_WEB = networkPolicy('podSelector: {matchLabels: {app: api}}\npolicyTypes: [Ingress]\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]');
const connections = (yaml: string) => yamlConnections(yaml, 'kubernetes-cnp');

describe('tiers: Admin, then NetworkPolicy, then Baseline', () => {
  it('an Admin Deny beats a NetworkPolicy allow', () => {
    const conn = connections(API_ONLY_FROM_WEB + cnp('deny-web', `tier: Admin\npriority: 5\nsubject: ${SHOP}\ningress: [{action: Deny, from: [{pods: {podSelector: {matchLabels: {app: web}}}}]}]`));
    expect(conn('shop/web', 'shop/api')).toBe(NONE);
    expect(conn('shop/batch', 'shop/api')).toBe(NONE);
    expect(conn('ops/tool', 'shop/web')).toBe(ALL);
  });

  it('an Admin Pass hands the connection to the NetworkPolicies, skipping later Admin rules', () => {
    const conn = connections(
      API_ONLY_FROM_WEB +
        cnp('pass-shop', `tier: Admin\npriority: 1\nsubject: ${SHOP}\ningress: [{action: Pass, from: [${SHOP}]}, {action: Deny, from: [{namespaces: {}}]}]`) +
        cnp('deny-later', `tier: Admin\npriority: 2\nsubject: ${SHOP}\ningress: [{action: Deny, from: [${SHOP}]}]`),
    );
    expect(conn('shop/web', 'shop/api')).toBe(ALL);
    expect(conn('shop/batch', 'shop/api')).toBe(NONE);
    expect(conn('shop/batch', 'shop/web')).toBe(ALL);
    expect(conn('ops/tool', 'shop/web')).toBe(NONE);
  });

  it('a Baseline Deny applies only to pods no NetworkPolicy isolates', () => {
    const conn = connections(API_ONLY_FROM_WEB + cnp('baseline', `tier: Baseline\npriority: 0\nsubject: ${SHOP}\ningress: [{action: Deny, from: [{namespaces: {}}]}]`));
    expect(conn('shop/web', 'shop/api')).toBe(ALL);
    expect(conn('ops/tool', 'shop/web')).toBe(NONE);
    expect(conn('ops/tool', 'shop/api')).toBe(NONE);
    expect(conn('0.0.0.0-255.255.255.255[External]', 'shop/web')).toBe(ALL);
  });

  it('the lower priority decides between two Admin policies, and rule order within one', () => {
    const yaml =
      cnp('first', `tier: Admin\npriority: 10\nsubject: ${SHOP}\ningress: [{action: Accept, from: [${OPS}], protocols: [{tcp: {destinationPort: {number: 8080}}}]}, {action: Deny, from: [${OPS}]}]`) +
      cnp('second', `tier: Admin\npriority: 20\nsubject: ${SHOP}\ningress: [{action: Accept, from: [${OPS}]}]`);
    expect(connections(yaml)('ops/tool', 'shop/web')).toBe('TCP 8080');
    const swapped = yaml.replace('priority: 10', 'priority: 30');
    expect(connections(swapped)('ops/tool', 'shop/web')).toBe(ALL);
  });
});

describe('subjects, peers and ports', () => {
  it('a subject by pods selects those pods in the selected namespaces; by namespaces, every pod there', () => {
    const byPods = connections(cnp('p', 'tier: Admin\npriority: 0\nsubject: {pods: {podSelector: {matchLabels: {app: web}}}}\negress: [{action: Deny, to: [{namespaces: {}}]}]'));
    expect(byPods('shop/web', 'shop/api')).toBe(NONE);
    expect(byPods('ops/web', 'shop/api')).toBe(NONE);
    expect(byPods('ops/tool', 'shop/api')).toBe(ALL);
    const byNamespaces = connections(cnp('p', `tier: Admin\npriority: 0\nsubject: ${OPS}\negress: [{action: Deny, to: [{namespaces: {}}]}]`));
    expect(byNamespaces('ops/tool', 'shop/api')).toBe(NONE);
    expect(byNamespaces('shop/web', 'shop/api')).toBe(ALL);
  });

  it('a destinationNamedPort is the destination pod\'s port of that name, whatever its protocol', () => {
    const conn = connections(cnp('p', `tier: Admin\npriority: 0\nsubject: ${SHOP}\ningress: [{action: Accept, from: [${OPS}], protocols: [{destinationNamedPort: http}]}, {action: Deny, from: [${OPS}]}]`));
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 8080');
    expect(conn('ops/tool', 'shop/api')).toBe('TCP 9000');
    expect(conn('ops/tool', 'shop/batch')).toBe('UDP 8080');
  });

  it('networks make external blocks; 0.0.0.0/0 and ::/0 together match every pod too', () => {
    const narrow = connections(cnp('p', `tier: Admin\npriority: 0\nsubject: ${SHOP}\negress: [{action: Deny, to: [{networks: [203.0.113.0/24]}]}]`));
    expect(narrow('shop/web', '203.0.113.0-203.0.113.255[External]')).toBe(NONE);
    expect(narrow('shop/web', '0.0.0.0-203.0.112.255[External]')).toBe(ALL);
    expect(narrow('shop/web', 'ops/tool')).toBe(ALL);
    // isCIDR accepts host bits, as Go's ParseCIDR: the network is meant.
    const hostBits = connections(cnp('p', `tier: Admin\npriority: 0\nsubject: ${SHOP}\negress: [{action: Deny, to: [{networks: [203.0.113.7/24]}]}]`));
    expect(hostBits('shop/web', '203.0.113.0-203.0.113.255[External]')).toBe(NONE);
    const every = connections(cnp('p', `tier: Admin\npriority: 0\nsubject: ${SHOP}\negress: [{action: Deny, to: [{networks: [0.0.0.0/0, "::/0"]}]}]`));
    expect(every('shop/web', 'ops/tool')).toBe(NONE);
    expect(every('shop/web', '0.0.0.0-255.255.255.255[External]')).toBe(NONE);
  });

  it('v1alpha1: ANP priority, BANP after NetworkPolicies, portNumber and portRange', () => {
    const yaml =
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\nspec:\n  priority: 3\n  subject: ${SHOP}\n  ingress: [{action: Allow, from: [${OPS}], ports: [{portRange: {protocol: TCP, start: 8000, end: 8100}}]}, {action: Deny, from: [${OPS}]}]\n---\n` +
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: ${SHOP}\n  ingress: [{action: Deny, from: [${SHOP}]}]\n---\n` +
      API_ONLY_FROM_WEB;
    const conn = yamlConnections(yaml, 'kubernetes-anp');
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 8000-8100');
    expect(conn('shop/web', 'shop/api')).toBe(ALL);
    expect(conn('shop/api', 'shop/web')).toBe(NONE);
  });
});

describe('with Calico objects in the same input (DIALECTS.md §9.4)', () => {
  const calicoPolicy = (tier: string) =>
    `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ${tier}}\nspec: {order: 100, defaultAction: Pass}\n---\n` +
    `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: ${tier}.allow-ops}\nspec:\n  tier: ${tier}\n  order: 1\n  selector: app == 'web'\n  types: [Ingress]\n  ingress: [{action: Allow, source: {namespaceSelector: projectcalico.org/name == 'ops'}}]\n---\n`;
  const denyOps = cnp('deny-ops', `tier: Admin\npriority: 0\nsubject: ${SHOP}\ningress: [{action: Deny, from: [${OPS}]}]`);

  it('Calico 3.32 evaluates ClusterNetworkPolicies in kube-admin at order 1,000: a Calico tier at 100 decides first', () => {
    const conn = yamlConnections(calicoPolicy('platform') + denyOps, 'calico');
    expect(conn('ops/tool', 'shop/web')).toBe(ALL);
    expect(conn('ops/tool', 'shop/api')).toBe(NONE);
  });

  it('refuses an input that mixes ClusterNetworkPolicy and ANP/BANP with Calico: no Calico version enforces both', () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\nspec: {priority: 0, subject: ${SHOP}}\n---\n`;
    const manifests = parseManifests(calicoPolicy('platform') + denyOps + anp, 'p.yaml').map((sourced) => sourced.manifest);
    expect(() => readPolicies(manifests)).toThrow('the manifests mix policy kinds of kubernetes-cnp and kubernetes-anp, which no version of calico enforces together: analyse them separately');
  });
});

describe('reading', () => {
  it('fails closed on a peer it does not model: the policy is reported, never ignored', () => {
    const manifests = parseManifests(cnp('nodes', `tier: Admin\npriority: 0\nsubject: ${SHOP}\negress: [{action: Deny, to: [{nodes: {}}]}]`), 'p.yaml').map((sourced) => sourced.manifest);
    expect(readPolicies(manifests).notAnalysed).toEqual([{ policy: 'ClusterNetworkPolicy nodes', feature: 'peer field nodes' }]);
  });
});
