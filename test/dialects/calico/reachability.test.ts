// Calico semantics (DIALECTS.md §2), hand-checked: projectcalico.org/v3 YAML read back with the
// Calico reader and evaluated, as `netpol reach` would.
import { describe, expect, it } from 'vitest';
import { yamlConnections } from '../../support/reach';

const connections = (yaml: string) => yamlConnections(yaml, 'calico');
const policy = (name: string, spec: string, namespace = 'shop') =>
  `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec.replace(/^/gm, '  ')}`;
const join = (...documents: string[]) => documents.join('\n---\n');

describe('types defaulting and isolation', () => {
  it('isolates only egress when types is absent and there are only egress rules (unlike Kubernetes)', () => {
    const conn = connections(policy('out', "selector: app == 'api'\negress: [{action: Allow, protocol: UDP, destination: {ports: [53]}}]"));
    expect(conn('shop/api', 'shop/web')).toBe('UDP 53');
    expect(conn('shop/web', 'shop/api')).toBe('All Connections');
  });

  it('allows nothing with an isolating policy without rules, everything with a rule without criteria', () => {
    expect(connections(policy('none', "selector: all()\ntypes: [Ingress]"))('ops/tool', 'shop/api')).toBe('No Connections');
    expect(connections(policy('all', "selector: all()\ntypes: [Ingress]\ningress: [{action: Allow}]"))('ops/tool', 'shop/api')).toBe('All Connections');
  });
});

describe('selectors and peers', () => {
  it('ANDs namespaceSelector and selector in one rule, and ORs two rules', () => {
    const and = connections(policy('and', "selector: all()\ntypes: [Ingress]\ningress: [{action: Allow, source: {namespaceSelector: team == 'ops', selector: app == 'web'}}]"));
    expect(and('ops/web', 'shop/api')).toBe('All Connections');
    expect(and('ops/tool', 'shop/api')).toBe('No Connections');
    const or = connections(policy('or', "selector: all()\ntypes: [Ingress]\ningress:\n- {action: Allow, source: {namespaceSelector: team == 'ops'}}\n- {action: Allow, source: {selector: app == 'web'}}"));
    expect(or('ops/tool', 'shop/api')).toBe('All Connections');
    expect(or('shop/web', 'shop/api')).toBe('All Connections');
    expect(or('shop/batch', 'shop/api')).toBe('No Connections');
  });

  it("lets != and not in match a pod that lacks the label", () => {
    const conn = connections(policy('p', "selector: all()\ntypes: [Ingress]\ningress: [{action: Allow, source: {selector: \"tier not in {'backend'}\"}}]"));
    expect(conn('shop/web', 'shop/batch')).toBe('All Connections');
    expect(conn('shop/api', 'shop/batch')).toBe('No Connections');
    const notEqual = connections(policy('p', "selector: all()\ntypes: [Ingress]\ningress: [{action: Allow, source: {selector: \"tier != 'backend'\"}}]"));
    expect(notEqual('shop/web', 'shop/batch')).toBe('All Connections');
    expect(notEqual('shop/api', 'shop/batch')).toBe('No Connections');
  });

  it('matches nets minus notNets on addresses outside the cluster', () => {
    const conn = connections(policy('p', 'selector: all()\ntypes: [Ingress]\ningress: [{action: Allow, source: {nets: [10.0.0.0/8], notNets: [10.1.0.0/16]}}]'));
    expect(conn('10.0.0.0-10.0.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(conn('10.1.0.0-10.1.255.255[External]', 'shop/api')).toBe('No Connections');
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
  });
});

describe('ports', () => {
  it('resolves a named port per destination pod, with its protocol, and reads port ranges', () => {
    const conn = connections(policy('p', "selector: all()\ntypes: [Ingress]\ningress:\n- {action: Allow, protocol: TCP, destination: {ports: [http, '7000:7010']}}"));
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 7000-7010,8080');
    expect(conn('ops/tool', 'shop/api')).toBe('TCP 7000-7010,9000');
    expect(conn('ops/tool', 'shop/batch')).toBe('TCP 7000-7010');
  });

  it('matches ICMP types and codes', () => {
    const conn = connections(policy('p', 'selector: all()\ntypes: [Ingress]\ningress: [{action: Allow, protocol: ICMP, icmp: {type: 3, code: 4}}, {action: Allow, protocol: ICMP, icmp: {type: 8}}]'));
    expect(conn('ops/tool', 'shop/api')).toBe('ICMP 3/4,8');
  });
});

describe('order, Deny and Pass', () => {
  const kubernetesAllow = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all, namespace: shop}\nspec: {podSelector: {}, ingress: [{}]}';

  it('puts Kubernetes NetworkPolicies at order 1000: a Deny at a lower order beats their allow, at a higher one loses', () => {
    const deny = (order: number) => policy('deny-ops', `selector: all()\norder: ${order}\ningress: [{action: Deny, source: {namespaceSelector: team == 'ops'}}]`);
    expect(connections(join(deny(500), kubernetesAllow))('ops/tool', 'shop/api')).toBe('No Connections');
    expect(connections(join(deny(2000), kubernetesAllow))('ops/tool', 'shop/api')).toBe('All Connections');
    expect(connections(join(deny(500), kubernetesAllow))('shop/web', 'shop/api')).toBe('All Connections');
  });

  it('decides by the first matching rule within a policy', () => {
    const conn = connections(policy('p', "selector: all()\norder: 10\ningress:\n- {action: Deny, protocol: TCP, destination: {ports: [9000]}}\n- {action: Allow}"));
    expect(conn('ops/tool', 'shop/api')).toBe('ICMP 0-255,ICMPv6 0-255,SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535');
  });

  it('passes to the next tier, skipping the rest of its own, and applies a tier\'s default action', () => {
    const tier = (defaultAction: string) => `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100, defaultAction: ${defaultAction}}`;
    const security = `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: security.gate}\nspec:\n  tier: security\n  order: 1\n  selector: all()\n  types: [Ingress]\n  ingress:\n  - {action: Pass, source: {namespaceSelector: team == 'ops'}}\n  - {action: Deny, source: {selector: app == 'web'}}`;
    const conn = connections(join(tier('Deny'), security, kubernetesAllow));
    expect(conn('ops/web', 'shop/api')).toBe('All Connections');
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
    // batch matches no rule of the security tier: the tier's default action decides.
    expect(conn('shop/batch', 'shop/api')).toBe('No Connections');
    expect(connections(join(tier('Pass'), security, kubernetesAllow))('shop/batch', 'shop/api')).toBe('All Connections');
  });

  it('goes on after a Log rule', () => {
    expect(connections(policy('p', 'selector: all()\norder: 1\ntypes: [Ingress]\ningress: [{action: Log}, {action: Allow, protocol: UDP}]'))('ops/tool', 'shop/api')).toBe('UDP 1-65535');
  });
});
