// Cilium semantics (DIALECTS.md §3, §5.3), hand-checked: cilium.io/v2 YAML read back with the
// Cilium reader and evaluated, as `netpol reach` would.
import { describe, expect, it } from 'vitest';
import { yamlConnections } from '../../support/reach';

const connections = (yaml: string) => yamlConnections(yaml, 'cilium');
const cnp = (name: string, spec: string, namespace = 'shop') =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec.replace(/^/gm, '  ')}`;

describe('isolation', () => {
  it('isolates a direction with a rule section, allowing nothing with [{}]', () => {
    const conn = connections(cnp('deny-in', 'endpointSelector: {matchLabels: {app: api}}\ningress: [{}]'));
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
    expect(conn('shop/api', 'shop/web')).toBe('All Connections');
  });

  it('allows without isolating when enableDefaultDeny is false', () => {
    const conn = connections(cnp('open', 'endpointSelector: {matchLabels: {app: api}}\nenableDefaultDeny: {ingress: false}\ningress: [{toPorts: [{ports: [{port: "9000", protocol: TCP}]}]}]'));
    expect(conn('ops/tool', 'shop/api')).toBe('All Connections');
  });
});

describe('endpoints and namespaces', () => {
  it("confines a CNP's peers to its namespace unless they name one, ANDs one selector and ORs two", () => {
    const sameNamespace = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromEndpoints: [{matchLabels: {app: web}}]}]'));
    expect(sameNamespace('shop/web', 'shop/api')).toBe('All Connections');
    expect(sameNamespace('ops/web', 'shop/api')).toBe('No Connections');
    const and = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: ops, app: web}}]}]'));
    expect(and('ops/web', 'shop/api')).toBe('All Connections');
    expect(and('ops/tool', 'shop/api')).toBe('No Connections');
    const or = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: ops}}, {matchLabels: {app: web}}]}]'));
    expect(or('ops/tool', 'shop/api')).toBe('All Connections');
    expect(or('shop/web', 'shop/api')).toBe('All Connections');
    expect(or('shop/batch', 'shop/api')).toBe('No Connections');
  });

  it('lets NotIn match an endpoint that lacks the label', () => {
    const conn = connections(cnp('p', 'endpointSelector: {matchLabels: {app: batch}}\ningress: [{fromEndpoints: [{matchExpressions: [{key: tier, operator: NotIn, values: [backend]}]}]}]'));
    expect(conn('shop/web', 'shop/batch')).toBe('All Connections');
    expect(conn('shop/api', 'shop/batch')).toBe('No Connections');
  });

  it('matches CIDR sets minus their except ranges on addresses outside the cluster only', () => {
    const conn = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]}]'));
    expect(conn('10.0.0.0-10.0.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(conn('10.1.0.0-10.1.255.255[External]', 'shop/api')).toBe('No Connections');
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
  });
});

describe('ports', () => {
  it('resolves an ingress named port on each pod with its protocol, and reads endPort', () => {
    const conn = connections(cnp('p', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: http, protocol: TCP}, {port: "7000", endPort: 7010, protocol: TCP}]}]}]'));
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 7000-7010,8080');
    expect(conn('ops/tool', 'shop/api')).toBe('TCP 7000-7010,9000');
    expect(conn('ops/tool', 'shop/batch')).toBe('TCP 7000-7010');
  });

  it('marks what only an L7 HTTP rule allows', () => {
    const conn = connections(cnp('p', 'endpointSelector: {matchLabels: {app: api}}\ningress: [{toPorts: [{ports: [{port: "9000", protocol: TCP}], rules: {http: [{method: GET, path: /api/.*}]}}]}]'));
    expect(conn('shop/web', 'shop/api')).toBe('TCP 9000 (L7)');
  });
});

describe('deny over allow', () => {
  it('lets a deny beat every allow, of its own policy or another', () => {
    const allowAll = cnp('allow-all', 'endpointSelector: {}\ningress: [{fromEntities: [all]}]');
    const denyWeb = cnp('deny-web', 'endpointSelector: {matchLabels: {app: api}}\ningressDeny: [{fromEndpoints: [{matchLabels: {app: web}}], toPorts: [{ports: [{port: "9000", protocol: TCP}]}]}]');
    const conn = connections(`${allowAll}\n---\n${denyWeb}`);
    expect(conn('shop/web', 'shop/api')).toBe('ICMP 0-255,ICMPv6 0-255,SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535');
    expect(conn('shop/batch', 'shop/api')).toBe('All Connections');
  });

  it('reads a Kubernetes NetworkPolicy beside a CNP deny as Cilium enforces both', () => {
    const kubernetes = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all, namespace: shop}\nspec: {podSelector: {}, ingress: [{}]}';
    const deny = cnp('deny-batch', 'endpointSelector: {}\ningressDeny: [{fromEndpoints: [{matchLabels: {app: batch}}]}]');
    const conn = connections(`${kubernetes}\n---\n${deny}`);
    expect(conn('shop/batch', 'shop/api')).toBe('No Connections');
    expect(conn('shop/web', 'shop/api')).toBe('All Connections');
  });
});

describe('entities and FQDNs', () => {
  it('reads world as every address outside the cluster and cluster as every pod', () => {
    const world = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromEntities: [world]}]'));
    expect(world('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(world('ops/tool', 'shop/api')).toBe('No Connections');
    const cluster = connections(cnp('p', 'endpointSelector: {}\ningress: [{fromEntities: [cluster]}]'));
    expect(cluster('ops/tool', 'shop/api')).toBe('All Connections');
    expect(cluster('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('No Connections');
  });

  it("reads kube-apiserver as the API server's addresses and host as an endpoint of its own", () => {
    const conn = connections(cnp('p', 'endpointSelector: {matchLabels: {app: tool}}\negress: [{toEntities: [kube-apiserver], toPorts: [{ports: [{port: "6443", protocol: TCP}]}]}, {toEntities: [host]}]', 'ops'));
    expect(conn('ops/tool', '192.0.2.10-192.0.2.10[External]')).toBe('TCP 6443');
    expect(conn('ops/tool', '0.0.0.0-192.0.2.9[External]')).toBe('No Connections');
    expect(conn('ops/tool', 'host[Entity]')).toBe('All Connections');
  });

  it('reads toFQDNs as names, reached only through them', () => {
    const conn = connections(cnp('p', 'endpointSelector: {matchLabels: {app: web}}\negress:\n- toFQDNs: [{matchName: api.example.com}]\n  toPorts: [{ports: [{port: "443", protocol: TCP}]}]\n- toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]\n  toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*"}]}}]'));
    expect(conn('shop/web', 'api.example.com[FQDN]')).toBe('TCP 443');
    expect(conn('shop/web', '0.0.0.0-255.255.255.255[External]')).toBe('No Connections');
  });
});
