import { NetpolError } from '../model/errors';
import { PolicyIntent } from '../model/intent';
import { NamespaceSelection, Peer } from '../model/peer';
import { Direction } from '../model/rule';
import { selectorKeys, selectorMatches } from '../model/selector';
import { ConnectionSet } from './connection-set';
import { appliesIn, orderPolicies, OrderedPolicy, OrderedTier, RuleRef, TierDefinition, tiersOf } from './decide';
import { EntityEndpoint, ExternalEndpoint, externalEndpoints, FqdnEndpoint, namedEndpoints, peerMatches, Target, WorkloadEndpoint } from './endpoints';
import { classifyPods, PodClass, PodMatcher } from './pod-classes';
import { hasNamedPorts, ruleConnections } from './rule-connections';
import { Workloads } from './workloads';
import { compareText } from './text-order';

/** The endpoints outside the pods that one direction's peers name. */
export interface PeerEndpoints {
  /** The external address blocks. */
  readonly external: readonly ExternalEndpoint[];
  /** The entities without addresses and the FQDNs. */
  readonly named: readonly (EntityEndpoint | FqdnEndpoint)[];
}

/**
 * Intents and workloads prepared for evaluation: pods grouped into classes by what the policies
 * select, the endpoints outside the cluster the policies name, and per class and direction the
 * applying policies in evaluation order. Shared by reach and explain.
 */
export class PolicyAnalysis {
  /** The pod classes. */
  readonly classes: readonly PodClass[];
  /** One endpoint per workload, sorted by name. */
  readonly workloadEndpoints: readonly WorkloadEndpoint[];
  /** Per direction, the endpoints outside the pods that its rules name (ingress: sources; egress: destinations). */
  readonly peerEndpoints: Readonly<Record<Direction, PeerEndpoints>>;

  private readonly tiers: Map<string, TierDefinition>;
  private readonly matchers: PodMatcher[] = [];
  private readonly matcherIds = new Map<string, number>();
  // The pod matcher each pod-selecting peer stands for, by [intent][rule][peer]: a peer without
  // namespaces means its own policy's namespace, so the same peer object can mean different pods.
  private readonly peerMatchers: (number | undefined)[][][];
  private readonly subjectMatcher: number[];
  // Per direction, the intents (by position, ascending) that apply in it, by their subject's
  // matcher: a class's applying intents come from the matchers that select it, not from a scan of
  // every intent (classes × intents was most of the evaluation when pods differ, bench/ P3).
  private readonly applyingBySubject: Record<Direction, Map<number, number[]>> = { ingress: new Map(), egress: new Map() };
  // The classes (by index) each pod matcher selects.
  private readonly classesByMatcher = new Map<number, number[]>();
  private readonly orderedCache = new Map<string, OrderedTier[]>();
  private readonly staticPorts = new WeakMap<object, ConnectionSet>();

  constructor(
    readonly intents: readonly PolicyIntent[],
    readonly workloads: Workloads,
  ) {
    this.tiers = tiersOf(intents);
    this.subjectMatcher = intents.map((intent) => this.matcherId(subjectMatcherOf(intent)));
    for (const direction of ['ingress', 'egress'] as const) {
      const bySubject = this.applyingBySubject[direction];
      intents.forEach((intent, position) => {
        if (!appliesIn(intent, direction)) return;
        const list = bySubject.get(this.subjectMatcher[position]);
        if (list) list.push(position);
        else bySubject.set(this.subjectMatcher[position], [position]);
      });
    }
    this.peerMatchers = intents.map((intent) =>
      intent.rules.map((rule) => rule.peers.map((peer) => {
        const matcher = peerMatcherOf(intent, peer);
        return matcher && this.matcherId(matcher);
      })),
    );
    checkVaryingLabels(intents, workloads);
    const names = intents.flatMap((intent) => intent.rules.flatMap((rule) => [...rule.ports, ...(rule.exceptPorts ?? [])].flatMap((port) => (typeof port.port === 'string' ? [port.port] : []))));
    const portNames = [...new Set(names)].sort();
    this.classes = classifyPods(workloads, this.matchers, portNames);
    for (const podClass of this.classes) {
      for (const id of podClass.matches) {
        const list = this.classesByMatcher.get(id);
        if (list) list.push(podClass.index);
        else this.classesByMatcher.set(id, [podClass.index]);
      }
    }
    this.workloadEndpoints = this.classes
      .flatMap((podClass) => podClass.workloads.map((workload): WorkloadEndpoint => ({ kind: 'workload', name: workload.id, workload, podClass })))
      .sort((a, b) => compareText(a.name, b.name));
    const endpointsOf = (direction: Direction): PeerEndpoints => ({
      external: externalEndpoints(intents, direction, workloads.apiServer),
      named: namedEndpoints(intents, direction, workloads.apiServer),
    });
    this.peerEndpoints = { ingress: endpointsOf('ingress'), egress: endpointsOf('egress') };
  }

  /** Whether an intent's subject selects a class of pods. */
  selects(position: number, podClass: PodClass): boolean {
    return podClass.matches.has(this.subjectMatcher[position]);
  }

  /** The classes (by index, ascending) an intent's subject selects. */
  subjectClasses(position: number): readonly number[] {
    return this.classesMatching(this.subjectMatcher[position]);
  }

  /** The positions of the intents that apply to a class in a direction. */
  applying(podClass: PodClass, direction: Direction): number[] {
    const positions: number[] = [];
    for (const id of podClass.matches) positions.push(...(this.applyingBySubject[direction].get(id) ?? []));
    return positions.sort((a, b) => a - b);
  }

  /** The applying policies of a class in a direction, by tier, in evaluation order. */
  ordered(positions: readonly number[], direction: Direction): OrderedTier[] {
    const key = `${direction}:${positions.join(',')}`;
    let tiers = this.orderedCache.get(key);
    if (!tiers) {
      tiers = orderPolicies(this.intents, positions, direction, this.tiers);
      this.orderedCache.set(key, tiers);
    }
    return tiers;
  }

  /** A key that peers matching the same targets share: the pod matcher's id, or the peer itself. */
  peerKey(policy: OrderedPolicy, ref: RuleRef, peerIndex: number): string {
    const id = this.peerMatchers[policy.position][ref.index][peerIndex];
    return id === undefined ? JSON.stringify(ref.rule.peers[peerIndex]) : `pods:${id}`;
  }

  /**
   * The pod matcher a rule's peer stands for, when it selects pods (pods, namespaces, service
   * accounts): such a peer matches exactly the classes `classesMatching` gives, and nothing else.
   */
  podMatcherOf(policy: OrderedPolicy, ref: RuleRef, peerIndex: number): number | undefined {
    return this.peerMatchers[policy.position][ref.index][peerIndex];
  }

  /** The classes (by index) that a pod matcher selects. */
  classesMatching(id: number): readonly number[] {
    return this.classesByMatcher.get(id) ?? [];
  }

  /** Whether a rule's peer matches a target. */
  peerMatches(policy: OrderedPolicy, ref: RuleRef, peerIndex: number, target: Target): boolean {
    return peerMatches(ref.rule.peers[peerIndex], target, this.peerMatchers[policy.position][ref.index][peerIndex], this.workloads.apiServer);
  }

  /** Whether a rule's peers match a target ([] matches every target). */
  rulePeerMatches(policy: OrderedPolicy, ref: RuleRef, target: Target): boolean {
    return ref.rule.peers.length === 0 || ref.rule.peers.some((_, index) => this.peerMatches(policy, ref, index, target));
  }

  /** The connections a rule's ports match toward a destination (a class of pods, or anything else). */
  rulePorts(ref: RuleRef, destination: PodClass | undefined): ConnectionSet {
    if (hasNamedPorts(ref.rule)) return ruleConnections(ref.rule, destination?.ports);
    let set = this.staticPorts.get(ref.rule);
    if (!set) {
      set = ruleConnections(ref.rule, undefined);
      this.staticPorts.set(ref.rule, set);
    }
    return set;
  }

  /** What a rule of a policy applying to `subject` matches of a connection with `peer` in a direction. */
  ruleMatch(direction: Direction, subject: PodClass, policy: OrderedPolicy, ref: RuleRef, peer: Target): ConnectionSet {
    if (!this.rulePeerMatches(policy, ref, peer)) return ConnectionSet.EMPTY;
    const destination = direction === 'ingress' ? subject : peer.kind === 'class' ? peer.podClass : undefined;
    return this.rulePorts(ref, destination);
  }

  private matcherId(matcher: PodMatcher): number {
    const key = JSON.stringify(matcher);
    let id = this.matcherIds.get(key);
    if (id === undefined) {
      id = this.matchers.push(matcher) - 1;
      this.matcherIds.set(key, id);
    }
    return id;
  }
}

function ownNamespace(intent: PolicyIntent): NamespaceSelection {
  // A cluster-wide policy has no namespace of its own: a peer without namespaces is in any (Calico GNP).
  return intent.scope === 'cluster' ? 'all' : { names: [intent.scope.namespace] };
}

function subjectMatcherOf(intent: PolicyIntent): PodMatcher {
  const namespaces: NamespaceSelection[] = intent.scope === 'cluster' ? [intent.subject.namespaces ?? 'all'] : [ownNamespace(intent), ...(intent.subject.namespaces ? [intent.subject.namespaces] : [])];
  return { namespaces, pods: intent.subject.pods };
}

function peerMatcherOf(intent: PolicyIntent, peer: Peer): PodMatcher | undefined {
  switch (peer.kind) {
    case 'pods':
      return { namespaces: [peer.namespaces ?? ownNamespace(intent)], pods: peer.pods };
    case 'namespaces':
      return { namespaces: [peer.namespaces] };
    case 'serviceAccount':
      return { namespaces: [peer.namespaces ?? ownNamespace(intent)], accounts: { ...(peer.names && { names: peer.names }), ...(peer.selector && { selector: peer.selector }) } };
    default:
      return undefined;
  }
}

// A workload whose pods differ in a label is one endpoint only while every policy selector on that
// label matches all its pods alike (netpol-analyzer's "good" label gaps, e.g. `app Exists` over
// pods with two values of app); then any pod's labels stand for all of them (podGroups).
function checkVaryingLabels(intents: readonly PolicyIntent[], workloads: Workloads): void {
  const selectors = intents.flatMap((intent) =>
    [intent.subject.pods, ...intent.rules.flatMap((rule) => rule.peers.flatMap((peer) => (peer.kind === 'pods' ? [peer.pods] : [])))].map((selector) => ({ selector, by: intent.path ?? intent.name })),
  );
  const problems = workloads.workloads.flatMap((workload) => {
    if (workload.varyingLabels.length === 0) return [];
    const apart = selectors.find(({ selector }) => new Set(workload.labelSets.map((labels) => selectorMatches(selector, labels))).size > 1);
    if (!apart) return [];
    const key = selectorKeys(apart.selector).find((candidate) => workload.varyingLabels.includes(candidate));
    return [{
      where: workload.id,
      field: `labels["${key}"]`,
      message: `the workload's pods differ in label ${key}, which ${apart.by} selects on, matching some of them only: give the pods as separate workloads`,
    }];
  });
  if (problems.length > 0) throw new NetpolError(problems);
}
