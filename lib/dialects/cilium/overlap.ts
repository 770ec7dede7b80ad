import { parseCidr } from '../../model/cidr';
import { PolicyIntent } from '../../model/intent';
import { NAMESPACE_NAME_LABEL, NamespaceSelection, Peer } from '../../model/peer';
import { hasPorts, Port } from '../../model/port';
import { Rule } from '../../model/rule';
import { LabelSelector, SelectorExpression } from '../../model/selector';

// Whether two rules may match one connection, decided conservatively: two things overlap unless
// they are provably disjoint. The checks that use it refuse what they cannot prove harmless.

/** One rule of one policy. */
export interface PlacedRule {
  /** The policy. */
  readonly intent: PolicyIntent;
  /** The rule's position in the policy. */
  readonly index: number;
  /** The rule. */
  readonly rule: Rule;
}

/** Every rule of the intents with its policy and position. */
export function placedRules(intents: readonly PolicyIntent[]): PlacedRule[] {
  return intents.flatMap((intent) => intent.rules.map((rule, index) => ({ intent, index, rule })));
}

/**
 * An index of rules by their policy's namespace: for a rule, those whose subjects may share pods
 * with it (same namespace, or cluster-wide; every rule for a cluster-wide one), in their original
 * order. It keeps the checks linear in the size of a namespace rather than quadratic in the chart.
 */
export function rulesNear(rules: readonly PlacedRule[]): (rule: PlacedRule) => readonly PlacedRule[] {
  const byNamespace = new Map<string, PlacedRule[]>();
  const cluster: PlacedRule[] = [];
  for (const placed of rules) {
    if (placed.intent.scope === 'cluster') cluster.push(placed);
    else if (byNamespace.has(placed.intent.scope.namespace)) byNamespace.get(placed.intent.scope.namespace)?.push(placed);
    else byNamespace.set(placed.intent.scope.namespace, [placed]);
  }
  const position = new Map(rules.map((placed, index) => [placed, index]));
  return (rule) => {
    if (rule.intent.scope === 'cluster') return rules;
    const local = byNamespace.get(rule.intent.scope.namespace) ?? [];
    if (cluster.length === 0) return local;
    return [...local, ...cluster].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  };
}

/** Whether two rules may match one connection: same direction, and subjects, peers and ports that may overlap. */
export function rulesMayOverlap(a: PlacedRule, b: PlacedRule): boolean {
  return (
    a.rule.direction === b.rule.direction &&
    subjectsMayOverlap(a.intent, b.intent) &&
    listsMayOverlap(a.rule.peers, b.rule.peers, (p, q) => peersMayOverlap(p, a.intent, q, b.intent)) &&
    listsMayOverlap(a.rule.ports, b.rule.ports, portsMayOverlap)
  );
}

// An empty list of peers or ports means "any".
function listsMayOverlap<T>(a: readonly T[], b: readonly T[], overlap: (x: T, y: T) => boolean): boolean {
  return a.length === 0 || b.length === 0 || a.some((x) => b.some((y) => overlap(x, y)));
}

function subjectsMayOverlap(a: PolicyIntent, b: PolicyIntent): boolean {
  return namespacesMayOverlap(subjectNamespaces(a), subjectNamespaces(b)) && selectorsMayOverlap(a.subject.pods, b.subject.pods);
}

function subjectNamespaces(intent: PolicyIntent): NamespaceSelection {
  return intent.scope === 'cluster' ? (intent.subject.namespaces ?? 'all') : { names: [intent.scope.namespace] };
}

// A peer without namespaces is in its policy's own (a cluster-wide policy always names them).
function peerNamespaces(namespaces: NamespaceSelection | undefined, intent: PolicyIntent): NamespaceSelection {
  return namespaces ?? (intent.scope === 'cluster' ? 'all' : { names: [intent.scope.namespace] });
}

type PodPeer = Extract<Peer, { kind: 'pods' | 'namespaces' | 'serviceAccount' }>;

function isPodPeer(peer: Peer): peer is PodPeer {
  return peer.kind === 'pods' || peer.kind === 'namespaces' || peer.kind === 'serviceAccount';
}

function peersMayOverlap(p: Peer, pIntent: PolicyIntent, q: Peer, qIntent: PolicyIntent): boolean {
  if (isPodPeer(p) && isPodPeer(q)) return podPeersMayOverlap(p, pIntent, q, qIntent);
  if (isPodPeer(q)) return peersMayOverlap(q, qIntent, p, pIntent);
  if (isPodPeer(p)) {
    // cidr and FQDN peers match addresses outside the cluster only; world is everything outside.
    if (q.kind === 'cidr' || q.kind === 'fqdn') return false;
    return !(q.kind === 'entity' && q.entity === 'world');
  }
  if (p.kind === 'cidr' && q.kind === 'cidr') return cidrPeersMayOverlap(p, q);
  if (p.kind === 'entity' && q.kind === 'entity') {
    if (p.entity === q.entity || p.entity === 'all' || q.entity === 'all') return true;
    // Every entity but world is inside the cluster, except an API server outside it, which is in world too.
    const entities = [p.entity, q.entity];
    return !entities.includes('world') || entities.includes('kube-apiserver');
  }
  return true;
}

function podPeersMayOverlap(p: PodPeer, pIntent: PolicyIntent, q: PodPeer, qIntent: PolicyIntent): boolean {
  if (!namespacesMayOverlap(peerNamespaces(p.namespaces, pIntent), peerNamespaces(q.namespaces, qIntent))) return false;
  if (p.kind === 'pods' && q.kind === 'pods') return selectorsMayOverlap(p.pods, q.pods);
  if (p.kind === 'serviceAccount' && q.kind === 'serviceAccount' && p.names && q.names) return p.names.some((name) => q.names?.includes(name));
  return true;
}

function cidrPeersMayOverlap(p: Extract<Peer, { kind: 'cidr' }>, q: Extract<Peer, { kind: 'cidr' }>): boolean {
  const [a, b] = [parseCidr(p.cidr), parseCidr(q.cidr)];
  if (typeof a === 'string' || typeof b === 'string') return true;
  if (a.family !== b.family || a.last < b.first || b.last < a.first) return false;
  // Disjoint too when one lies wholly in a range the other excepts.
  const inExcept = (inner: typeof a, except: readonly string[] = []) =>
    except.some((text) => {
      const range = parseCidr(text);
      return typeof range !== 'string' && range.first <= inner.first && inner.last <= range.last;
    });
  return !inExcept(b, p.except) && !inExcept(a, q.except);
}

/** Whether two namespace selections may share a namespace (names are matched on their name label). */
export function namespacesMayOverlap(a: NamespaceSelection, b: NamespaceSelection): boolean {
  const selectors = (selection: NamespaceSelection): LabelSelector[] => {
    if (selection === 'all') return [{}];
    if ('selector' in selection) return [selection.selector];
    return selection.names.map((name) => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: name } }));
  };
  return selectors(a).some((x) => selectors(b).some((y) => selectorsMayOverlap(x, y)));
}

/** Whether some set of labels matches both selectors: no key has contradicting requirements. */
export function selectorsMayOverlap(a: LabelSelector, b: LabelSelector): boolean {
  const byKey = new Map<string, SelectorExpression[]>();
  for (const selector of [a, b]) {
    const expressions: SelectorExpression[] = [
      ...Object.entries(selector.matchLabels ?? {}).map(([key, value]): SelectorExpression => ({ key, operator: 'In', values: [value] })),
      ...(selector.matchExpressions ?? []),
    ];
    for (const expression of expressions) byKey.set(expression.key, [...(byKey.get(expression.key) ?? []), expression]);
  }
  return [...byKey.values()].every(satisfiable);
}

// The requirements on one key hold together when the key may be absent, or may have a common value.
function satisfiable(requirements: readonly SelectorExpression[]): boolean {
  if (requirements.every((r) => r.operator === 'NotIn' || r.operator === 'DoesNotExist')) return true;
  if (requirements.some((r) => r.operator === 'DoesNotExist')) return false;
  const excluded = new Set(requirements.filter((r) => r.operator === 'NotIn').flatMap((r) => r.values ?? []));
  const allowed = requirements.filter((r) => r.operator === 'In').map((r) => new Set(r.values ?? []));
  // No In: any of the infinitely many other values will do.
  if (allowed.length === 0) return true;
  return [...allowed[0]].some((value) => !excluded.has(value) && allowed.every((set) => set.has(value)));
}

/** Whether two ports may match one connection; named ports may be any number, so they overlap every port. */
export function portsMayOverlap(a: Port, b: Port): boolean {
  if (a.protocol !== b.protocol) return false;
  if (!hasPorts(a.protocol)) {
    const same = <T>(x?: T, y?: T) => x === undefined || y === undefined || x === y;
    return same(a.icmpType, b.icmpType) && same(a.icmpCode, b.icmpCode);
  }
  if (typeof a.port !== 'number' || typeof b.port !== 'number') return true;
  return a.port <= (b.endPort ?? b.port) && b.port <= (a.endPort ?? a.port);
}
