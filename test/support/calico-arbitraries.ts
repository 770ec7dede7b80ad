// fast-check generators of intents Calico can express: the Kubernetes subset plus deny, pass and
// log rules, order, tiers, cluster scope, service-account peers, entity CIDRs of both families and ICMP.
import fc from 'fast-check';
import { Peer, PolicyIntent, Port, Rule, Tier } from '../../lib';
import { kubernetesPeer, labelSelector, port } from './arbitraries';

const namespaceName = fc.constantFrom('shop', 'payments', 'kube-system');
const namespaces = fc.oneof(
  fc.constant('all' as const),
  fc.record({ names: fc.uniqueArray(namespaceName, { minLength: 1, maxLength: 2 }) }),
  fc.record({ selector: labelSelector }),
);

const serviceAccountPeer: fc.Arbitrary<Peer> = fc
  .record(
    { names: fc.array(fc.constantFrom('api', 'web', 'default'), { minLength: 1, maxLength: 3 }), selector: labelSelector, namespaces },
    { requiredKeys: [] },
  )
  .filter((peer) => peer.names !== undefined || peer.selector !== undefined)
  .map((peer) => ({ kind: 'serviceAccount', ...peer }));

const apiServerPeer: fc.Arbitrary<Peer> = fc
  .array(fc.constantFrom('192.0.2.10/32', '198.51.100.0/24', '2001:db8::10/128'), { minLength: 1, maxLength: 4 })
  .map((cidrs) => ({ kind: 'entity', entity: 'kube-apiserver', cidrs }));

const ipv6CidrPeer: fc.Arbitrary<Peer> = fc.constantFrom<Peer>({ kind: 'cidr', cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] }, { kind: 'cidr', cidr: '::/0' });

export const calicoPeer: fc.Arbitrary<Peer> = fc.oneof(kubernetesPeer, serviceAccountPeer, apiServerPeer, ipv6CidrPeer);

const icmpPort: fc.Arbitrary<Port> = fc
  .record({ protocol: fc.constantFrom('ICMP' as const, 'ICMPv6' as const), icmpType: fc.integer({ min: 0, max: 254 }), icmpCode: fc.integer({ min: 0, max: 255 }) }, { requiredKeys: ['protocol'] })
  .map(({ icmpCode, ...rest }) => ({ ...rest, ...(rest.icmpType !== undefined && icmpCode !== undefined && { icmpCode }) }));

export const calicoPort: fc.Arbitrary<Port> = fc.oneof(port, icmpPort);

export const calicoRule: fc.Arbitrary<Rule> = fc.record({
  direction: fc.constantFrom('ingress' as const, 'egress' as const),
  action: fc.constantFrom('allow' as const, 'deny' as const, 'pass' as const, 'log' as const),
  peers: fc.array(calicoPeer, { maxLength: 3 }),
  ports: fc.array(calicoPort, { maxLength: 3 }),
});

// One definition per tier name, so that intents never define a tier two ways.
const TIERS: readonly Tier[] = [
  { name: 'security', order: 100, defaultAction: 'pass' },
  { name: 'platform', order: 2_000_000 },
];

/** A valid intent Calico can express. */
export const calicoIntent: fc.Arbitrary<PolicyIntent> = fc
  .record({
    name: fc.constantFrom('web', 'api', 'default-deny'),
    cluster: fc.boolean(),
    namespace: namespaceName,
    pods: labelSelector,
    subjectNamespaces: fc.option(namespaces, { nil: undefined }),
    rules: fc.array(calicoRule, { maxLength: 4 }),
    extraIsolate: fc.subarray(['ingress', 'egress'] as const, { minLength: 1 }),
    tier: fc.option(fc.constantFrom(...TIERS), { nil: undefined }),
    order: fc.option(fc.integer({ min: -100, max: 4000 }).map((half) => half / 2), { nil: undefined }),
    description: fc.option(fc.constantFrom('why', 'DNS: both transports'), { nil: undefined }),
  })
  .map(({ name, cluster, namespace, pods, subjectNamespaces, rules, extraIsolate, tier, order, description }): PolicyIntent => {
    // A cluster-wide policy has no namespace of its own: its pods and service-account peers name theirs.
    const scoped = cluster
      ? rules.map((rule) => ({ ...rule, peers: rule.peers.map((peer) => ((peer.kind === 'pods' || peer.kind === 'serviceAccount') && !peer.namespaces ? { ...peer, namespaces: 'all' as const } : peer)) }))
      : rules;
    // Deny and pass rules need an order.
    const needsOrder = rules.some((rule) => rule.action === 'deny' || rule.action === 'pass');
    return {
      name,
      scope: cluster ? 'cluster' : { namespace },
      subject: { pods, ...(cluster && subjectNamespaces !== undefined && { namespaces: subjectNamespaces }) },
      isolate: (['ingress', 'egress'] as const).filter((direction) => extraIsolate.includes(direction) || rules.some((rule) => rule.direction === direction)),
      rules: scoped,
      ...(tier && { tier }),
      ...((order !== undefined || needsOrder) && { order: order ?? 10 }),
      ...(description && { description }),
    };
  });

/** Several Calico intents with distinct names (and so distinct Calico names). */
export const calicoIntents: fc.Arbitrary<PolicyIntent[]> = fc.uniqueArray(calicoIntent, { maxLength: 3, selector: (intent) => intent.name });
