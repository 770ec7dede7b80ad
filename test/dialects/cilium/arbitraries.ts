// Random intents that Cilium can express: allow rules without L7 restrictions (which may conflict
// with each other) over every peer kind, ports, ranges, ICMP types and isolation; FQDN peers come
// with their DNS rule, as the builder adds it.
import fc from 'fast-check';
import { Direction, ENTITIES, LabelSelector, NamespaceSelection, Peer, PolicyIntent, Port, Rule } from '../../../lib';
import { dnsInspectionRule } from '../../../lib/constructs/dns';

const NAMESPACES = ['shop', 'api', 'kube-system'];
const KEYS = ['app', 'tier', 'team.example.com/owner'];
const VALUES = ['web', 'api', 'db'];

/** Label selectors over a few keys and values: matchLabels and every operator. */
export function selectorOver(keys: readonly string[], values: readonly string[]): fc.Arbitrary<LabelSelector> {
  const value = fc.constantFrom(...values);
  return fc.record(
    {
      matchLabels: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 2 }),
      matchExpressions: fc.array(
        fc.oneof(
          fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(value, { minLength: 1, maxLength: 2 }) }),
          fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );
}

const selector = selectorOver(KEYS, VALUES);

const names = fc.uniqueArray(fc.constantFrom(...NAMESPACES), { minLength: 1, maxLength: 2 }).map((list) => ({ names: list }));

function namespaceSelection(cluster: boolean): fc.Arbitrary<NamespaceSelection> {
  // Namespace labels are for cluster-wide policies only (DIALECTS.md §8.9).
  return cluster ? fc.oneof(names, fc.constant('all' as const), selector.map((s) => ({ selector: s }))) : fc.oneof(names, fc.constant('all' as const));
}

// Single addresses (/32, /128) too: a range whose first address is its last is where off-by-one
// comparisons of CIDR bounds go wrong.
const CIDRS: [string, string[]][] = [
  ['10.0.0.0/8', ['10.1.0.0/16']],
  ['192.0.2.0/24', []],
  ['192.0.2.1/32', []],
  ['0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12']],
  ['2001:db8::/32', ['2001:db8:1::/48']],
  ['2001:db8::1/128', []],
];

function peer(cluster: boolean): fc.Arbitrary<Peer> {
  const ownNamespace = cluster ? namespaceSelection(true) : fc.option(namespaceSelection(false), { nil: undefined });
  return fc.oneof(
    fc.record({ pods: selector, namespaces: ownNamespace }).map(({ pods, namespaces }) => ({ kind: 'pods' as const, pods, ...(namespaces && { namespaces }) })),
    namespaceSelection(cluster).map((namespaces) => ({ kind: 'namespaces' as const, namespaces })),
    fc.constantFrom(...CIDRS).map(([cidr, except]) => ({ kind: 'cidr' as const, cidr, ...(except.length > 0 && { except }) })),
    fc.constantFrom(...ENTITIES).map((entity) => ({ kind: 'entity' as const, entity })),
    fc.record({ names: fc.uniqueArray(fc.constantFrom('api', 'worker'), { minLength: 1, maxLength: 2 }), namespaces: ownNamespace }).map(({ names: list, namespaces }) => ({
      kind: 'serviceAccount' as const,
      names: list,
      ...(namespaces && { namespaces }),
    })),
  );
}

function port(direction: Direction): fc.Arbitrary<Port> {
  const numbered = fc.integer({ min: 1, max: 65535 });
  return fc.oneof(
    fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const), port: numbered }),
    fc.tuple(fc.constantFrom('TCP' as const, 'UDP' as const), numbered, fc.integer({ min: 0, max: 1000 })).map(([protocol, from, length]) => ({ protocol, port: from, endPort: Math.min(65535, from + length) })),
    fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const).map((protocol) => ({ protocol })),
    fc.record({ protocol: fc.constantFrom('ICMP' as const, 'ICMPv6' as const), icmpType: fc.integer({ min: 0, max: 254 }) }),
    // Named ports only where Cilium resolves them per pod: ingress.
    ...(direction === 'ingress' ? [fc.record({ protocol: fc.constant('TCP' as const), port: fc.constantFrom('http', 'metrics') })] : []),
  );
}

function rule(cluster: boolean): fc.Arbitrary<Rule> {
  return fc.constantFrom<Direction>('ingress', 'egress').chain((direction) =>
    fc.record({
      direction: fc.constant(direction),
      action: fc.constant('allow' as const),
      peers: fc.array(peer(cluster), { maxLength: 3 }),
      ports: fc.array(port(direction), { maxLength: 45 }),
    }),
  );
}

/** An intent Cilium can express, named `name`. */
export function ciliumIntent(name: string): fc.Arbitrary<PolicyIntent> {
  return fc.boolean().chain((cluster) =>
    fc
      .record({
        namespace: fc.constantFrom(...NAMESPACES),
        pods: selector,
        subjectNamespaces: fc.option(namespaceSelection(true), { nil: undefined }),
        rules: fc.array(rule(cluster), { maxLength: 4 }),
        fqdns: fc.array(fc.constantFrom('api.example.com', '*.example.org', '**.cdn.example.net'), { maxLength: 2 }),
        isolate: fc.subarray<Direction>(['ingress', 'egress']),
        keepOpen: fc.boolean(),
      })
      .map(({ namespace, pods, subjectNamespaces, rules, fqdns, isolate, keepOpen }): PolicyIntent => {
        const fqdnRules: Rule[] = fqdns.length > 0 ? [{ direction: 'egress', action: 'allow', peers: fqdns.map((pattern) => ({ kind: 'fqdn', pattern })), ports: [] }, dnsInspectionRule()] : [];
        const all = [...rules, ...fqdnRules];
        // Directions with rules are isolated, unless the policy keeps them open (enableDefaultDeny: false).
        const isolated = keepOpen ? isolate : [...new Set([...isolate, ...all.map((r) => r.direction)])];
        return {
          name,
          scope: cluster ? 'cluster' : { namespace },
          subject: { pods, ...(cluster && subjectNamespaces && { namespaces: subjectNamespaces }) },
          isolate: (['ingress', 'egress'] as const).filter((direction) => isolated.includes(direction)),
          rules: all,
          path: `app/test/${name}`,
        };
      }),
  );
}

/** A few intents with distinct names. */
export const ciliumIntents = fc.integer({ min: 1, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => ciliumIntent(`policy-${index}`))));
