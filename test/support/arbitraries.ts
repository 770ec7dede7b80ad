// fast-check generators of valid model values, for property tests.
import fc from 'fast-check';
import { LabelSelector, Peer, PolicyIntent, Port, Rule } from '../../lib';

const labelKey = fc.constantFrom('app', 'tier', 'team', 'example.com/role', 'k8s-app');
const labelValue = fc.constantFrom('web', 'api', 'db', 'a', 'b', '');
const namespaceName = fc.constantFrom('shop', 'payments', 'kube-system', 'monitoring');

export const labelSelector: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({ key: labelKey, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }) }),
        fc.record({ key: labelKey, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

export const port: fc.Arbitrary<Port> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const), port: fc.integer({ min: 1, max: 65535 }) }),
  fc
    .tuple(fc.constantFrom('TCP' as const, 'UDP' as const), fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 100 }))
    .map(([protocol, start, length]) => ({ protocol, port: start, endPort: Math.min(65535, start + length) })),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom('http', 'metrics', 'dns') }),
);

const namespaces = fc.oneof(
  fc.constant('all' as const),
  fc.record({ names: fc.uniqueArray(namespaceName, { minLength: 1, maxLength: 2 }) }),
  fc.record({ selector: labelSelector }),
);

const cidrPeer: fc.Arbitrary<Peer> = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 24 }), fc.boolean())
  .map(([octet, prefix, withExcept]) => {
    const cidr = `${octet}.0.0.0/8`;
    return withExcept ? { kind: 'cidr', cidr, except: [`${octet}.${prefix}.0.0/16`] } : { kind: 'cidr', cidr };
  });

/** Peers Kubernetes can express (pods, namespaces, CIDRs). */
export const kubernetesPeer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ kind: fc.constant('pods' as const), pods: labelSelector, namespaces }, { requiredKeys: ['kind', 'pods'] }),
  fc.record({ kind: fc.constant('namespaces' as const), namespaces }),
  cidrPeer,
);

export const allowRule: fc.Arbitrary<Rule> = fc.record({
  direction: fc.constantFrom('ingress' as const, 'egress' as const),
  action: fc.constant('allow' as const),
  peers: fc.array(kubernetesPeer, { maxLength: 3 }),
  ports: fc.array(port, { maxLength: 3 }),
});

/** A namespaced, allow-only intent: what every dialect must accept (the Kubernetes subset). */
export const kubernetesIntent: fc.Arbitrary<PolicyIntent> = fc
  .record({
    name: fc.constantFrom('web', 'api', 'default-deny', 'allow-dns'),
    namespace: namespaceName,
    pods: labelSelector,
    rules: fc.array(allowRule, { maxLength: 4 }),
    extraIsolate: fc.subarray(['ingress', 'egress'] as const),
  })
  .map(({ name, namespace, pods, rules, extraIsolate }) => ({
    name,
    scope: { namespace },
    subject: { pods },
    isolate: (['ingress', 'egress'] as const).filter((direction) => extraIsolate.includes(direction) || rules.some((rule) => rule.direction === direction)),
    rules,
  }))
  // A policy that isolates nothing has no NetworkPolicy form (empty policyTypes default to Ingress).
  .filter((intent) => intent.isolate.length > 0);
