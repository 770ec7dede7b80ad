// The evaluator's semantics (policyIntentSchema's doc comment), hand-checked on intents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verdictText } from '../../lib/analysis/format';
import { reach } from '../../lib/analysis/reach';
import { CAPABILITIES, PolicyIntent, Port, Rule } from '../../lib';
import { FixtureSpec, fixtureWorkloads } from '../../lib/testing';
import { clusterArbitrary, intentsArbitrary } from '../support/no-widening';
import { intentConnections } from '../support/reach';

const CLUSTER: FixtureSpec = {
  pods: {
    'shop/web': { labels: { app: 'web' }, ports: ['http:TCP/8080'], serviceAccount: 'web' },
    'shop/api': { labels: { app: 'api', tier: 'backend' }, ports: ['http:TCP/9000', 'metrics:UDP/9090'], serviceAccount: 'api' },
    'shop/db': { labels: { app: 'db', tier: 'backend' }, ports: ['TCP/5432'] },
    'ops/tool': { labels: { app: 'tool' }, serviceAccount: 'robot' },
    'dev/web': { labels: { app: 'web' }, ports: ['http:TCP/8081'] },
  },
  namespaces: { shop: { env: 'prod' }, ops: { env: 'prod' }, dev: { env: 'dev' } },
};

type Partial = Omit<PolicyIntent, 'scope' | 'subject' | 'isolate' | 'rules'> & Partial2;
interface Partial2 {
  scope?: PolicyIntent['scope'];
  subject?: PolicyIntent['subject'];
  isolate?: PolicyIntent['isolate'];
  rules?: Rule[];
}
const policy = (intent: Partial): PolicyIntent => ({ scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: [], rules: [], ...intent });
const allow = (direction: Rule['direction'], peers: Rule['peers'] = [], ports: Port[] = [], more: Partial3 = {}): Rule => ({ direction, action: 'allow', peers, ports, ...more });
const rule = (direction: Rule['direction'], action: Rule['action'], peers: Rule['peers'] = [], ports: Port[] = []): Rule => ({ direction, action, peers, ports });
type Partial3 = Pick<Rule, 'http' | 'dns'>;

const connections = (intents: PolicyIntent[], spec: FixtureSpec = CLUSTER) => intentConnections(intents, spec);

describe('isolation and additive allows', () => {
  it('allows everything, to and from outside, when no policy applies', () => {
    const conn = connections([]);
    expect(conn('shop/web', 'shop/api')).toBe('All Connections');
    expect(conn('0.0.0.0-255.255.255.255[External]', 'shop/web')).toBe('All Connections');
    expect(conn('shop/web', '0.0.0.0-255.255.255.255[External]')).toBe('All Connections');
  });

  it('denies every connection in an isolated direction that no rule allows', () => {
    const conn = connections([policy({ name: 'deny-in', subject: { pods: { matchLabels: { app: 'api' } } }, isolate: ['ingress'] })]);
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
    expect(conn('shop/api', 'shop/web')).toBe('All Connections');
  });

  it('needs egress at the source and ingress at the destination', () => {
    const conn = connections([
      policy({ name: 'web-out', subject: { pods: { matchLabels: { app: 'web' } } }, isolate: ['egress'], rules: [allow('egress', [], [Port.tcp(9000)])] }),
      policy({ name: 'api-in', subject: { pods: { matchLabels: { app: 'api' } } }, isolate: ['ingress'], rules: [allow('ingress', [], [Port.tcp(9000, 9100)])] }),
    ]);
    expect(conn('shop/web', 'shop/api')).toBe('TCP 9000');
  });

  it('adds up the allows of unordered policies', () => {
    const subject = { pods: { matchLabels: { app: 'api' } } };
    const conn = connections([
      policy({ name: 'a', subject, isolate: ['ingress'], rules: [allow('ingress', [], [Port.tcp(80)])] }),
      policy({ name: 'b', subject, isolate: ['ingress'], rules: [allow('ingress', [], [Port.udp(53)])] }),
    ]);
    expect(conn('shop/web', 'shop/api')).toBe('TCP 80,UDP 53');
  });

  it('lets a rule allow without isolating its direction (Cilium enableDefaultDeny: false): the rest stays open', () => {
    const conn = connections([policy({ name: 'open', rules: [allow('ingress', [], [Port.tcp(80)])] })]);
    expect(conn('shop/web', 'shop/api')).toBe('All Connections');
  });
});

describe('tiers, order and actions', () => {
  const api = { pods: { matchLabels: { app: 'api' } } };
  const fromWeb = { kind: 'pods' as const, pods: { matchLabels: { app: 'web' } } };
  const k8sAllowAll = policy({ name: 'allow-all', subject: api, isolate: ['ingress'], rules: [allow('ingress')] });

  it('decides by the first matching rule in policy order: a deny before an allow wins, after it loses', () => {
    const deny = (order: number) => policy({ name: 'deny-web', subject: api, order, isolate: [], rules: [rule('ingress', 'deny', [fromWeb], [Port.tcp(9000)])] });
    const allowAt = (order: number) => policy({ name: 'allow', subject: api, order, isolate: ['ingress'], rules: [allow('ingress')] });
    expect(connections([deny(10), allowAt(20)])('shop/web', 'shop/api')).toBe('ICMP 0-255,ICMPv6 0-255,SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535');
    expect(connections([deny(10), allowAt(5)])('shop/web', 'shop/api')).toBe('All Connections');
    // Unordered policies come after every ordered one (Kubernetes policies in Calico's default tier come at order 1000).
    expect(connections([deny(10), k8sAllowAll])('shop/db', 'shop/api')).toBe('All Connections');
    expect(connections([deny(10), k8sAllowAll])('shop/web', 'shop/api')).not.toContain('TCP 1-65535');
  });

  it('orders policies of equal order by name', () => {
    const deny = policy({ name: 'a-deny', subject: api, order: 1, rules: [rule('ingress', 'deny', [fromWeb])] });
    const allowed = policy({ name: 'b-allow', subject: api, order: 1, isolate: ['ingress'], rules: [allow('ingress')] });
    expect(connections([allowed, deny])('shop/web', 'shop/api')).toBe('No Connections');
  });

  it('visits tiers by their order, each ending in its default action when one of its policies isolates', () => {
    const security = { name: 'security', order: 100 };
    const tierDeny = policy({ name: 'quarantine', tier: security, order: 1, subject: api, isolate: ['ingress'], rules: [allow('ingress', [], [Port.tcp(9000)])] });
    expect(connections([tierDeny, k8sAllowAll])('shop/web', 'shop/api')).toBe('TCP 9000');
    const later = { name: 'late', order: 2_000_000 };
    const lateDeny = policy({ name: 'late-deny', tier: later, order: 1, subject: api, isolate: ['ingress'] });
    expect(connections([lateDeny, k8sAllowAll])('shop/web', 'shop/api')).toBe('All Connections');
  });

  it("passes on to the next tier what a pass rule matches, and what a tier with defaultAction pass leaves", () => {
    const security = { name: 'security', order: 100 };
    const passWeb = policy({ name: 'pass-web', tier: security, order: 1, subject: api, isolate: ['ingress'], rules: [rule('ingress', 'pass', [fromWeb]), rule('ingress', 'deny')] });
    const defaultDeny = policy({ name: 'default-deny', subject: api, isolate: ['ingress'] });
    // web is passed (skipping the tier's deny) to the default tier, which denies it; db hits the deny.
    expect(connections([passWeb, k8sAllowAll])('shop/web', 'shop/api')).toBe('All Connections');
    expect(connections([passWeb, k8sAllowAll])('shop/db', 'shop/api')).toBe('No Connections');
    expect(connections([passWeb, defaultDeny])('shop/web', 'shop/api')).toBe('No Connections');
    const passTier = { name: 'baseline', order: 100, defaultAction: 'pass' as const };
    const isolatingOnly = policy({ name: 'watch', tier: passTier, order: 1, subject: api, isolate: ['ingress'] });
    expect(connections([isolatingOnly])('shop/web', 'shop/api')).toBe('All Connections');
    expect(connections([isolatingOnly, defaultDeny])('shop/web', 'shop/api')).toBe('No Connections');
  });

  it('goes on after a log rule', () => {
    const logged = policy({ name: 'log', subject: api, order: 1, isolate: ['ingress'], rules: [rule('ingress', 'log'), allow('ingress', [], [Port.tcp(9000)])] });
    expect(connections([logged])('shop/web', 'shop/api')).toBe('TCP 9000');
  });

  it('refuses two intents that define one tier differently', () => {
    const a = policy({ name: 'a', tier: { name: 'security', order: 100 }, order: 1, isolate: ['ingress'] });
    const b = policy({ name: 'b', tier: { name: 'security', order: 200 }, order: 1, isolate: ['ingress'] });
    expect(() => connections([a, b])).toThrow(/tier security is defined differently by policy a|tier security is defined differently by a/);
  });
});

describe('subjects and peers', () => {
  const isolateIn = (name: string, peers: Rule['peers'], extra: Partial = { name }) => policy({ ...extra, name, isolate: ['ingress'], rules: [allow('ingress', peers)] });

  it("selects only pods of the policy's namespace, or for a cluster-wide policy those of its subject namespaces", () => {
    const conn = connections([isolateIn('web-in', [], { name: 'x', subject: { pods: { matchLabels: { app: 'web' } } } }), ]);
    expect(conn('ops/tool', 'dev/web')).toBe('All Connections');
    const cluster = policy({ name: 'prod-web', scope: 'cluster', subject: { pods: { matchLabels: { app: 'web' } }, namespaces: { selector: { matchLabels: { env: 'prod' } } } }, isolate: ['ingress'] });
    expect(connections([cluster])('ops/tool', 'shop/web')).toBe('No Connections');
    expect(connections([cluster])('ops/tool', 'dev/web')).toBe('All Connections');
  });

  it('matches pod peers in the own namespace by default, or in the namespaces given (names, labels, all)', () => {
    const web = { matchLabels: { app: 'web' } };
    expect(connections([isolateIn('p', [{ kind: 'pods', pods: web }])])('dev/web', 'shop/api')).toBe('No Connections');
    expect(connections([isolateIn('p', [{ kind: 'pods', pods: web, namespaces: { names: ['dev'] } }])])('dev/web', 'shop/api')).toBe('All Connections');
    expect(connections([isolateIn('p', [{ kind: 'pods', pods: web, namespaces: { selector: { matchLabels: { env: 'prod' } } } }])])('dev/web', 'shop/api')).toBe('No Connections');
    expect(connections([isolateIn('p', [{ kind: 'pods', pods: web, namespaces: 'all' }])])('dev/web', 'shop/api')).toBe('All Connections');
    expect(connections([isolateIn('p', [{ kind: 'namespaces', namespaces: { names: ['ops'] } }])])('ops/tool', 'shop/api')).toBe('All Connections');
  });

  it("reads a peer without namespaces in each policy's own namespace, even when policies share the peer object", () => {
    const web: Rule['peers'][number] = { kind: 'pods', pods: { matchLabels: { app: 'web' } } };
    const inShop = policy({ name: 'a', subject: { pods: { matchLabels: { app: 'api' } } }, isolate: ['ingress'], rules: [allow('ingress', [web])] });
    const inDev = policy({ name: 'b', scope: { namespace: 'dev' }, isolate: ['ingress'], rules: [allow('ingress', [web])] });
    const conn = connections([inShop, inDev]);
    expect(conn('shop/web', 'shop/api')).toBe('All Connections');
    expect(conn('dev/web', 'shop/api')).toBe('No Connections');
    expect(conn('shop/web', 'dev/web')).toBe('No Connections');
  });

  it('matches service-account peers by name or by the accounts\' labels', () => {
    expect(connections([isolateIn('p', [{ kind: 'serviceAccount', names: ['robot'], namespaces: { names: ['ops'] } }])])('ops/tool', 'shop/api')).toBe('All Connections');
    expect(connections([isolateIn('p', [{ kind: 'serviceAccount', names: ['web'] }])])('ops/tool', 'shop/api')).toBe('No Connections');
    const accounts = { ...CLUSTER, pods: CLUSTER.pods };
    const calicoName = { kind: 'serviceAccount' as const, selector: { matchLabels: { 'projectcalico.org/name': 'web' } } };
    expect(connections([isolateIn('p', [calicoName])], accounts)('shop/web', 'shop/api')).toBe('All Connections');
  });

  it('requires both the names and the selector of a service-account peer that has both', () => {
    const byName = (name: string) => ({ matchLabels: { 'projectcalico.org/name': name } });
    const peer = (names: string[], name: string) => ({ kind: 'serviceAccount' as const, names, selector: byName(name), namespaces: 'all' as const });
    const both = connections([isolateIn('p', [peer(['web', 'robot'], 'web')])]);
    expect(both('shop/web', 'shop/api')).toBe('All Connections');
    // robot is named, but its labels do not match the selector.
    expect(both('ops/tool', 'shop/api')).toBe('No Connections');
    // The selector matches robot, but robot is not named.
    const selectorOnly = connections([isolateIn('p', [peer(['web'], 'robot')])]);
    expect(selectorOnly('ops/tool', 'shop/api')).toBe('No Connections');
    expect(selectorOnly('shop/web', 'shop/api')).toBe('No Connections');
  });

  it('matches CIDR peers on addresses outside the cluster only, minus their exceptions', () => {
    const conn = connections([isolateIn('from-net', [{ kind: 'cidr', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }])]);
    expect(conn('shop/web', 'shop/api')).toBe('No Connections');
    expect(conn('0.0.0.0-9.255.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(conn('10.0.0.0-10.255.255.255[External]', 'shop/api')).toBe('No Connections');
  });

  it('reads entities: world is every address outside, cluster every pod, all everything, others are endpoints of their own', () => {
    const entity = (name: 'world' | 'cluster' | 'all' | 'host') => isolateIn(name, [{ kind: 'entity', entity: name }]);
    expect(connections([entity('world')])('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(connections([entity('world')])('shop/web', 'shop/api')).toBe('No Connections');
    expect(connections([entity('cluster')])('shop/web', 'shop/api')).toBe('All Connections');
    expect(connections([entity('cluster')])('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('No Connections');
    expect(connections([entity('all')])('0.0.0.0-255.255.255.255[External]', 'shop/api')).toBe('All Connections');
    expect(connections([entity('host')])('host[Entity]', 'shop/api')).toBe('All Connections');
    expect(connections([entity('host')])('shop/web', 'shop/api')).toBe('No Connections');
    // host is listed once some rule names it; cluster covers it (the local node is in the cluster).
    const namesHost = policy({ name: 'names-host', subject: { pods: { matchLabels: { app: 'db' } } }, isolate: ['ingress'], rules: [allow('ingress', [{ kind: 'entity', entity: 'host' }])] });
    expect(connections([entity('cluster'), namesHost])('host[Entity]', 'shop/api')).toBe('All Connections');
    expect(connections([entity('world'), namesHost])('host[Entity]', 'shop/api')).toBe('No Connections');
  });

  it('reads kube-apiserver as its CIDRs, else the cluster\'s API server addresses, else an endpoint of its own', () => {
    const egress = (cidrs?: string[]) => policy({ name: 'api-server', isolate: ['egress'], rules: [allow('egress', [{ kind: 'entity', entity: 'kube-apiserver', ...(cidrs && { cidrs }) }], [Port.tcp(443)])] });
    expect(connections([egress(['192.0.2.10/32'])])('shop/web', '192.0.2.10-192.0.2.10[External]')).toBe('TCP 443');
    expect(connections([egress()])('shop/web', 'kube-apiserver[Entity]')).toBe('TCP 443');
    expect(connections([egress()], { ...CLUSTER, apiServer: ['192.0.2.10'] })('shop/web', '192.0.2.10-192.0.2.10[External]')).toBe('TCP 443');
    expect(connections([egress()], { ...CLUSTER, apiServer: ['192.0.2.10'] })('shop/web', '192.0.2.11-255.255.255.255[External]')).toBe('No Connections');
  });

  it('reads FQDN peers as names, not addresses: endpoints of their own that world also reaches', () => {
    const fqdn = policy({ name: 'stripe', isolate: ['egress'], rules: [allow('egress', [{ kind: 'fqdn', pattern: 'api.stripe.com' }], [Port.tcp(443)]), allow('egress', [{ kind: 'fqdn', pattern: '*.example.com' }])] });
    const conn = connections([fqdn]);
    expect(conn('shop/web', 'api.stripe.com[FQDN]')).toBe('TCP 443');
    expect(conn('shop/web', '*.example.com[FQDN]')).toBe('All Connections');
    expect(conn('shop/web', '0.0.0.0-255.255.255.255[External]')).toBe('No Connections');
    const everything = policy({ name: 'any-name', isolate: ['egress'], rules: [allow('egress', [{ kind: 'fqdn', pattern: '*' }], [Port.tcp(80)])] });
    expect(connections([fqdn, everything])('shop/web', 'api.stripe.com[FQDN]')).toBe('TCP 80,443');
  });

  // Cilium's '**.' prefixes any depth of subdomains (DIALECTS.md, toFQDNs): it never matches the
  // apex itself, and '*.' matches exactly one label.
  it("matches '**.' against subdomains at any depth, never against the apex", () => {
    const named = (name: string, port: number) => allow('egress', [{ kind: 'fqdn', pattern: name }], [Port.tcp(port)]);
    const names = policy({ name: 'names', isolate: ['egress'], rules: [named('example.com', 80), named('api.example.com', 81), named('a.b.example.com', 82), named('**.example.com', 443), named('*.example.com', 8443)] });
    const conn = connections([names]);
    expect(conn('shop/web', 'example.com[FQDN]')).toBe('TCP 80');
    expect(conn('shop/web', 'api.example.com[FQDN]')).toBe('TCP 81,443,8443');
    expect(conn('shop/web', 'a.b.example.com[FQDN]')).toBe('TCP 82,443');
  });

  // shop/web's pods: version v1 and v2 (labels keeps what they share, labelSets each pod's).
  const varyingWorkloads = () => {
    const workloads = fixtureWorkloads({ pods: { 'shop/web': { labels: { app: 'web' } }, 'shop/api': { labels: { app: 'api' } } } });
    const labelSets = [{ app: 'web', version: 'v1' }, { app: 'web', version: 'v2' }];
    return { ...workloads, workloads: workloads.workloads.map((workload) => (workload.name === 'web' ? { ...workload, varyingLabels: ['version'], labelSets } : workload)) };
  };

  it('refuses a workload whose pods differ in a label a policy selects on to tell them apart', () => {
    const selects = policy({ name: 'v1', subject: { pods: { matchLabels: { version: 'v1' } } }, isolate: ['ingress'] });
    expect(() => reach([selects], varyingWorkloads())).toThrow(/shop\/web\[Deployment\]: labels\["version"\]: the workload's pods differ in label version, which v1 selects on, matching some of them only/);
  });

  it('analyses it when every selector on that label matches all its pods alike (version Exists)', () => {
    const isolateAll = policy({ name: 'in', subject: { pods: {} }, isolate: ['ingress'], rules: [allow('ingress', [{ kind: 'pods', pods: { matchExpressions: [{ key: 'version', operator: 'Exists' }] } }], [Port.tcp(90)])] });
    const names = (from: string) => [...reach([isolateAll], varyingWorkloads()).connections()].filter(({ source, destination }) => source.name === from && destination.name.startsWith('shop/')).map(({ destination, verdict }) => `${destination.name} ${verdict.allowed.rangesOf('TCP').join(';')}`);
    // web's pods have a version, so web reaches api on TCP 90; api has none, so it reaches nothing.
    expect(names('shop/web[Deployment]')).toEqual(['shop/api[Deployment] 90,90']);
    expect(names('shop/api[Deployment]')).toEqual([]);
  });
});

describe('ports', () => {
  const isolateIn = (ports: Port[], subject = {}) => policy({ name: 'p', subject: { pods: subject }, isolate: ['ingress'], rules: [allow('ingress', [], ports)] });

  it('resolves a named port on each destination pod, with its protocol', () => {
    const conn = connections([isolateIn([Port.tcp('http')])]);
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 8080');
    expect(conn('ops/tool', 'shop/api')).toBe('TCP 9000');
    expect(conn('ops/tool', 'shop/db')).toBe('No Connections');
    // metrics is UDP on api: a TCP rule does not match it (protocol mismatch).
    expect(connections([isolateIn([Port.tcp('metrics')])])('ops/tool', 'shop/api')).toBe('No Connections');
    expect(connections([isolateIn([Port.udp('metrics')])])('ops/tool', 'shop/api')).toBe('UDP 9090');
  });

  it('resolves an egress named port on the destination, and never on addresses', () => {
    const out = policy({ name: 'out', subject: { pods: { matchLabels: { app: 'tool' } } }, scope: { namespace: 'ops' }, isolate: ['egress'], rules: [allow('egress', [], [Port.tcp('http')])] });
    const conn = connections([out]);
    expect(conn('ops/tool', 'dev/web')).toBe('TCP 8081');
    expect(conn('ops/tool', 'shop/web')).toBe('TCP 8080');
    expect(conn('ops/tool', '0.0.0.0-255.255.255.255[External]')).toBe('No Connections');
  });

  it('matches port ranges (endPort), whole protocols and ICMP types and codes', () => {
    expect(connections([isolateIn([Port.tcp(8000, 8100), Port.all('SCTP')])])('ops/tool', 'shop/api')).toBe('SCTP 1-65535,TCP 8000-8100');
    expect(connections([isolateIn([Port.icmp(8), Port.icmp(3, 4)])])('ops/tool', 'shop/api')).toBe('ICMP 3/4,8');
  });
});

describe('L7 restrictions', () => {
  const api = { pods: { matchLabels: { app: 'api' } } };

  it('marks what only an HTTP-restricted rule allows, and lifts the mark where an L4 rule allows too', () => {
    const http = allow('ingress', [], [Port.tcp(9000)], { http: [{ method: 'GET', path: '/v1/.*' }] });
    expect(connections([policy({ name: 'http', subject: api, isolate: ['ingress'], rules: [http] })])('shop/web', 'shop/api')).toBe('TCP 9000 (L7)');
    const both = policy({ name: 'both', subject: api, isolate: ['ingress'], rules: [http, allow('ingress', [], [Port.tcp(9000)])] });
    expect(connections([both])('shop/web', 'shop/api')).toBe('TCP 9000');
  });

  it('keeps the mark when a later deny takes the rest: the L7 allow decided the requests it matches', () => {
    const http = allow('ingress', [], [Port.tcp(9000)], { http: [{ path: '/health' }] });
    const rules = [http, rule('ingress', 'deny', [], [Port.tcp(9000)]), allow('ingress')];
    expect(connections([policy({ name: 'calico', subject: api, order: 1, isolate: ['ingress'], rules })])('shop/web', 'shop/api')).toContain('TCP 9000 (L7)');
  });

  // Policies on both ends of one connection: an L7 allow at one end never outlives the other end's
  // isolation or deny, and the connection is L7-restricted where either end restricts it.
  it('lets an L7 allow at one end through only what the other end lets through', () => {
    const web = { pods: { matchLabels: { app: 'web' } } };
    const toApi = [{ kind: 'pods' as const, pods: { matchLabels: { app: 'api' } } }];
    const fromWeb = [{ kind: 'pods' as const, pods: { matchLabels: { app: 'web' } } }];
    const http = { http: [{ method: 'GET', path: '/v1/.*' }] };
    const egressL7 = policy({ name: 'web-out', subject: web, isolate: ['egress'], rules: [allow('egress', toApi, [Port.tcp(9000)], http)] });
    const ingressL7 = policy({ name: 'api-in', subject: api, isolate: ['ingress'], rules: [allow('ingress', fromWeb, [Port.tcp(9000)], http)] });
    const ingressClosed = policy({ name: 'api-closed', subject: api, isolate: ['ingress'], rules: [] });
    const ingressDeny = policy({ name: 'api-deny', subject: api, order: 1, isolate: [], rules: [rule('ingress', 'deny', fromWeb, [Port.tcp(9000)])] });
    const egressClosed = policy({ name: 'web-closed', subject: web, isolate: ['egress'], rules: [allow('egress', [], [Port.udp(53)])] });
    const egressDeny = policy({ name: 'web-deny', subject: web, order: 1, isolate: [], rules: [rule('egress', 'deny', toApi, [Port.tcp(9000)])] });
    const ingressOpen = policy({ name: 'api-open', subject: api, isolate: ['ingress'], rules: [allow('ingress', fromWeb, [Port.tcp(9000)])] });
    const conn = (intents: PolicyIntent[]) => connections(intents)('shop/web', 'shop/api');
    // L7 at the source, the destination isolated without an allow or denying outright.
    expect(conn([egressL7, ingressClosed])).toBe('No Connections');
    expect(conn([egressL7, ingressDeny])).toBe('No Connections');
    // L7 at the destination, the source isolated without an allow or denying outright.
    expect(conn([ingressL7, egressClosed])).toBe('No Connections');
    expect(conn([ingressL7, egressDeny])).toBe('No Connections');
    // Both ends allow: restricted where either end restricts.
    expect(conn([egressL7, ingressOpen])).toBe('TCP 9000 (L7)');
    expect(conn([egressL7, ingressL7])).toBe('TCP 9000 (L7)');
  });

  it('treats DNS matches of every name as no restriction, and narrower ones as a restriction', () => {
    const dns = (pattern: string) => policy({ name: 'dns', isolate: ['egress'], rules: [allow('egress', [], [Port.udp(53)], { dns: [{ pattern }] })] });
    expect(connections([dns('*')])('shop/web', 'shop/api')).toBe('UDP 53');
    expect(connections([dns('*.cluster.local')])('shop/web', 'shop/api')).toBe('UDP 53 (L7)');
  });
});

describe('Reachability.connections', () => {
  // Every pair connection() connects, in name order: what connections() must list.
  const pairwise = (reachability: ReturnType<typeof reach>) => {
    const pairs: string[] = [];
    for (const source of reachability.sources) {
      for (const destination of reachability.destinations) {
        if (source.name === destination.name || (source.kind !== 'workload' && destination.kind !== 'workload')) continue;
        const verdict = reachability.connection(source, destination);
        if (!verdict.allowed.isEmpty() || !verdict.restricted.isEmpty()) pairs.push(`${source.name} => ${destination.name} : ${verdictText(verdict)}`);
      }
    }
    return pairs;
  };
  const listed = (reachability: ReturnType<typeof reach>) => [...reachability.connections()].map(({ source, destination, verdict }) => `${source.name} => ${destination.name} : ${verdictText(verdict)}`);

  it('lists exactly the pairs that connection() connects, in name order (property)', () => {
    fc.assert(
      fc.property(clusterArbitrary, intentsArbitrary(CAPABILITIES.cilium), (workloads, intents) => {
        const reachability = reach(intents, workloads);
        expect(listed(reachability)).toEqual(pairwise(reachability));
      }),
      { numRuns: 200 },
    );
  });

  it('lists a source whose egress row other classes share by the few classes that row lets through', () => {
    // Seven classes (a selector tests each pod's app); the three in `locked` share one egress row
    // (one egress policy applies to them all), which lets through to one class, not the first.
    const apps: Record<string, string[]> = { locked: ['a', 'b', 'c'], open: ['w1', 'w2', 'w3', 'w4'] };
    const spec: FixtureSpec = { pods: Object.fromEntries(Object.entries(apps).flatMap(([namespace, names]) => names.map((app) => [`${namespace}/${app}`, { labels: { app } }]))) };
    const selecting = (app: string) => ({ pods: { matchLabels: { app } } });
    const toW3 = { kind: 'pods' as const, ...selecting('w3'), namespaces: { names: ['open'] } };
    const intents = [
      policy({ name: 'egress', scope: { namespace: 'locked' }, isolate: ['egress'], rules: [allow('egress', [toW3])] }),
      ...Object.entries(apps).flatMap(([namespace, names]) => names.map((app) => policy({ name: `in-${app}`, scope: { namespace }, subject: selecting(app), isolate: ['ingress'], rules: [allow('ingress')] }))),
    ];
    const reachability = reach(intents, fixtureWorkloads(spec));
    const lines = listed(reachability);
    expect(lines).toEqual(pairwise(reachability));
    expect(lines.filter((line) => line.startsWith('locked/'))).toEqual(['a', 'b', 'c'].map((app) => `locked/${app}[Deployment] => open/w3[Deployment] : All Connections`));
    expect(lines).toContain('open/w1[Deployment] => locked/b[Deployment] : All Connections');
  });
});

describe('Reachability.connectionBetween', () => {
  it("answers for its own ends with connection()'s verdict object, and for another evaluation's ends with the same connections (property)", () => {
    fc.assert(
      fc.property(clusterArbitrary, intentsArbitrary(CAPABILITIES.cilium), (workloads, intents) => {
        const reachability = reach(intents, workloads);
        // Another evaluation of the same: its outside endpoints are other objects, evaluated rather than looked up.
        const other = reach(intents, workloads);
        for (const source of reachability.sources) {
          for (const destination of reachability.destinations) {
            if (source.name === destination.name || (source.kind !== 'workload' && destination.kind !== 'workload')) continue;
            const verdict = reachability.connection(source, destination);
            // The object itself: callers remember answers per verdict (a diff that removed pods once kept one per pair until it ran out of memory).
            expect(reachability.connectionBetween(source, destination)).toBe(verdict);
            expect(verdictText(other.connectionBetween(source, destination) as typeof verdict), `${source.name} => ${destination.name}`).toBe(verdictText(verdict));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
