import { PolicyIntent } from '../model/intent';
import { Direction } from '../model/rule';
import { PolicyAnalysis } from './analysis';
import { ConnectionSet } from './connection-set';
import { decide, OrderedPolicy, RuleRef, Verdict } from './decide';
import { Endpoint, Target, WorkloadEndpoint } from './endpoints';
import { PodClass } from './pod-classes';
import { hasNamedPorts } from './rule-connections';
import { Workloads } from './workloads';
import { compareText } from './text-order';

/** A connected pair: what may go from `source` to `destination`. */
export interface Connection {
  /** Where connections start. */
  readonly source: Endpoint;
  /** Where they go. */
  readonly destination: Endpoint;
  /** What is allowed (fully, or only for the requests an L7 rule matches). */
  readonly verdict: Verdict;
}

const UNRESTRICTED: Verdict = { allowed: ConnectionSet.ALL, restricted: ConnectionSet.EMPTY };

/** A destination a source reaches, and the verdict's id. */
interface Reached {
  readonly destination: Endpoint;
  readonly id: number;
}

/** At most this many positions (64 MB) are kept for egress rows (Reachability.openEgressTargets); rows past it are scanned each time. */
const MAX_KEPT_POSITIONS = 16_000_000;

// A class's verdict for every peer target of one direction, shared by classes with the same policies.
interface DirectionTable {
  readonly verdicts: Int32Array;
}

/**
 * Who can reach whom: the one evaluator for every dialect. Classes of pods are evaluated once per
 * direction against every class and external endpoint; classes with the same applying policies
 * share the work, and within that, peers the policies' rules cannot tell apart share a decision.
 */
export class Reachability {
  /** Every endpoint that can start a connection, sorted by name: external blocks and entities ingress rules name, and workloads. */
  readonly sources: readonly Endpoint[];
  /** Every endpoint that can receive one, sorted by name. */
  readonly destinations: readonly Endpoint[];

  private readonly verdicts: Verdict[] = [UNRESTRICTED];
  private readonly verdictIds = new Map<string, number>([[verdictKey(UNRESTRICTED), 0]]);
  // Per verdict id, whether it lets anything through (read classes² times when listing).
  private readonly connecting: boolean[] = [true];
  private readonly tables = new Map<string, DirectionTable>();
  private readonly classTables: Record<Direction, DirectionTable[]>;
  private readonly combined = new Map<number, number>();
  private readonly targetIndex: Record<Direction, Map<Endpoint, number>>;
  private readonly workloadsByName: Map<string, WorkloadEndpoint>;

  constructor(readonly analysis: PolicyAnalysis) {
    const { workloadEndpoints, peerEndpoints, classes } = analysis;
    const byName = (a: Endpoint, b: Endpoint) => compareText(a.name, b.name);
    this.sources = [...peerEndpoints.ingress.external, ...peerEndpoints.ingress.named, ...workloadEndpoints].sort(byName);
    this.destinations = [...peerEndpoints.egress.external, ...peerEndpoints.egress.named, ...workloadEndpoints].sort(byName);
    this.workloadsByName = new Map(workloadEndpoints.map((endpoint) => [endpoint.name, endpoint]));
    this.targetIndex = { ingress: this.indexTargets('ingress'), egress: this.indexTargets('egress') };
    this.classTables = {
      ingress: classes.map((podClass) => this.tableFor(podClass, 'ingress')),
      egress: classes.map((podClass) => this.tableFor(podClass, 'egress')),
    };
  }

  /** What may go from one endpoint of this evaluation to another: egress allowed at the source (if a pod) and ingress at the destination (if a pod). */
  connection(source: Endpoint, destination: Endpoint): Verdict {
    return this.verdicts[this.combinedId(source, destination)];
  }

  /**
   * The same for endpoints of another evaluation (a workload is found by name; an address block
   * must lie inside or outside each of this evaluation's blocks); undefined when a workload of
   * theirs does not exist here.
   */
  connectionBetween(source: Endpoint, destination: Endpoint): Verdict | undefined {
    const [from, to] = [this.own(source), this.own(destination)];
    return from && to && this.ownConnection(from, to);
  }

  /** connectionBetween() for ends already this evaluation's own (own()). */
  ownConnection(from: Endpoint, to: Endpoint): Verdict {
    // Both ends in this evaluation's tables: the interned verdict (callers remember answers per
    // verdict object; a new one per pair kept a diff that removes pods growing until it ran out of memory).
    if (this.inTables(from, 'ingress') && this.inTables(to, 'egress')) return this.connection(from, to);
    const egress = from.kind === 'workload' ? this.directionVerdict(from, 'egress', to) : UNRESTRICTED;
    const ingress = to.kind === 'workload' ? this.directionVerdict(to, 'ingress', from) : UNRESTRICTED;
    return combine(egress, ingress);
  }

  /**
   * Whether this evaluation's egress at a workload surely lets nothing go to an endpoint, so that
   * their connection allows nothing, found without making the verdict (not sure, false, when the
   * endpoint has no place in its tables).
   */
  egressCloses(source: WorkloadEndpoint, destination: Endpoint): boolean {
    return this.inTables(destination, 'egress') && !this.classEgressOpens(source.podClass.index, this.targetOf('egress', destination));
  }

  /** Whether the egress of a pod of one class (by index) lets anything go to a table position (a class, or an outside endpoint). */
  classEgressOpens(source: number, destination: number): boolean {
    const id = this.classTables.egress[source].verdicts[destination];
    return id === 0 || this.connecting[id];
  }

  /** An endpoint's position in the egress tables (its class's index for a workload), as openEgressTargets() lists them; undefined for an outside endpoint this evaluation does not list. */
  egressTarget(endpoint: Endpoint): number | undefined {
    return endpoint.kind === 'workload' ? endpoint.podClass.index : this.targetIndex.egress.get(endpoint);
  }

  /**
   * The egress positions a pod of one class (by index) may open a connection to, where
   * classEgressOpens() holds, in order: pod classes by index, then the outside endpoints.
   * Undefined where that is more than half of them: looking at every one is as quick. Kept for a
   * row several classes share, within MAX_KEPT_POSITIONS.
   */
  openEgressTargets(sourceClass: number): Int32Array | undefined {
    const row = this.classTables.egress[sourceClass].verdicts;
    if (this.openTargetsOf.has(row)) return this.openTargetsOf.get(row);
    const positions: number[] = [];
    for (let position = 0; position < row.length; position++) if (this.classEgressOpens(sourceClass, position)) positions.push(position);
    const open = positions.length > row.length / 2 ? undefined : Int32Array.from(positions);
    if ((this.listing().egressSharers.get(row) as number) > 1 && this.keptPositions < MAX_KEPT_POSITIONS) {
      this.openTargetsOf.set(row, open);
      this.keptPositions += open?.length ?? 0;
    }
    return open;
  }

  /** What may go from a pod of one class (by index) to a pod of another: connection() of any two such pods. */
  classConnection(source: number, destination: number): Verdict {
    return this.verdicts[this.combineIds(this.classTables.egress[source].verdicts[destination], this.classTables.ingress[destination].verdicts[source])];
  }

  /** The workload endpoint of a name, or undefined. */
  workload(name: string): WorkloadEndpoint | undefined {
    return this.workloadsByName.get(name);
  }

  /** The verdict of one direction at a workload for a peer (listed or not). */
  directionVerdict(at: WorkloadEndpoint, direction: Direction, peer: Endpoint): Verdict {
    const index = this.targetIndex[direction].get(peer);
    if (index !== undefined) return this.verdicts[this.classTables[direction][at.podClass.index].verdicts[index]];
    const target: Target = peer.kind === 'workload' ? { kind: 'class', podClass: peer.podClass } : peer;
    const tiers = this.analysis.ordered(this.analysis.applying(at.podClass, direction), direction);
    return decide(tiers, (policy, ref) => this.analysis.ruleMatch(direction, at.podClass, policy, ref, target));
  }

  // Whether an endpoint has a position in a direction's tables: every workload, and the outside endpoints this evaluation lists.
  private inTables(endpoint: Endpoint, direction: Direction): boolean {
    return endpoint.kind === 'workload' || this.targetIndex[direction].has(endpoint);
  }

  /** This evaluation's endpoint for one of another evaluation: its workload of that name (undefined when it has none), or the endpoint itself. */
  own(endpoint: Endpoint): Endpoint | undefined {
    return endpoint.kind === 'workload' ? this.workloadsByName.get(endpoint.name) : endpoint;
  }

  /**
   * Every connected pair, sorted by source then destination name; a workload to itself and
   * address to address are left out. What one pod reaches depends only on its class, and what
   * reaches a pod only on its class: the work grows with classes² and the pairs listed, not pods².
   */
  *connections(): Generator<Connection> {
    // What a class reaches is kept for its other workloads, until the last of them is listed: a
    // cluster where each workload is its own class would otherwise keep every pair it lists.
    const left = new Map<number, number>();
    for (const source of this.sources) if (source.kind === 'workload') left.set(source.podClass.index, (left.get(source.podClass.index) ?? 0) + 1);
    const byClass = new Map<number, Reached[]>();
    for (const source of this.sources) {
      const podClass = source.kind === 'workload' ? source.podClass.index : undefined;
      const reached = (podClass === undefined ? undefined : byClass.get(podClass)) ?? this.reachedFrom(source);
      if (podClass !== undefined) {
        const remaining = (left.get(podClass) as number) - 1;
        left.set(podClass, remaining);
        if (remaining > 0) byClass.set(podClass, reached);
        else byClass.delete(podClass);
      }
      for (const { destination, id } of reached) {
        if (destination === source || (source.kind !== 'workload' && destination.kind !== 'workload')) continue;
        yield { source, destination, verdict: this.verdicts[id] };
      }
    }
  }

  // The destinations a source (or any source of its class) has a connection to, in name order.
  private reachedFrom(source: Endpoint): Reached[] {
    const { workloadsOfClass, classOf, groupOfClass, ingressOf, destinationOrder, otherDestinations } = this.listing();
    const reached: Reached[] = [];
    // A pod's rows, read directly: this loop runs classes² times, over flat arrays (following
    // each class's objects there took most of a large listing's time).
    const sourceClass = source.kind === 'workload' ? source.podClass.index : undefined;
    const egressRow = sourceClass === undefined ? undefined : this.classTables.egress[sourceClass].verdicts;
    const ingressColumn = sourceClass ?? (this.targetIndex.ingress.get(source) as number);
    // Where the source's egress opens to few positions (as under a default deny), only those.
    const { connecting } = this;
    const open = sourceClass === undefined ? undefined : this.openEgressTargets(sourceClass);
    const count = open ? open.length : classOf.length;
    for (let at = 0; at < count; at++) {
      const group = open ? (open[at] < groupOfClass.length ? groupOfClass[open[at]] : -1) : at;
      if (group < 0) continue; // an outside endpoint, or a class without workloads
      const egress = egressRow ? egressRow[classOf[group]] : 0;
      if (egress !== 0 && !connecting[egress]) continue;
      const id = this.combineIds(egress, ingressOf[group][ingressColumn]);
      if (!connecting[id]) continue;
      for (const destination of workloadsOfClass[group]) reached.push({ destination, id });
    }
    for (const destination of otherDestinations) {
      const id = this.combinedId(source, destination);
      if (this.connects(id)) reached.push({ destination, id });
    }
    return reached.sort((a, b) => (destinationOrder.get(a.destination) as number) - (destinationOrder.get(b.destination) as number));
  }

  // The open positions of egress rows several classes share (openEgressTargets), and how many are kept.
  private readonly openTargetsOf = new Map<Int32Array, Int32Array | undefined>();
  private keptPositions = 0;

  private listingCache?: { workloadsOfClass: WorkloadEndpoint[][]; classOf: Int32Array; groupOfClass: Int32Array; ingressOf: Int32Array[]; egressSharers: Map<Int32Array, number>; destinationOrder: Map<Endpoint, number>; otherDestinations: Endpoint[] };

  // The classes with workloads (groups), each with its workloads, its index and its ingress row, side by side; and each class's group (-1: none).
  private listing() {
    if (!this.listingCache) {
      const byClass: WorkloadEndpoint[][] = this.analysis.classes.map(() => []);
      for (const endpoint of this.analysis.workloadEndpoints) byClass[endpoint.podClass.index].push(endpoint);
      const workloadsOfClass = byClass.filter((workloads) => workloads.length > 0);
      const classOf = Int32Array.from(workloadsOfClass, (workloads) => workloads[0].podClass.index);
      const groupOfClass = new Int32Array(byClass.length).fill(-1);
      classOf.forEach((index, group) => (groupOfClass[index] = group));
      this.listingCache = {
        workloadsOfClass,
        classOf,
        groupOfClass,
        ingressOf: Array.from(classOf, (index) => this.classTables.ingress[index].verdicts),
        egressSharers: this.classTables.egress.reduce((sharers, { verdicts }) => sharers.set(verdicts, (sharers.get(verdicts) ?? 0) + 1), new Map<Int32Array, number>()),
        destinationOrder: new Map(this.destinations.map((destination, index) => [destination, index])),
        otherDestinations: this.destinations.filter((destination) => destination.kind !== 'workload'),
      };
    }
    return this.listingCache;
  }

  private connects(id: number): boolean {
    return this.connecting[id];
  }

  private combinedId(source: Endpoint, destination: Endpoint): number {
    const egress = source.kind === 'workload' ? this.classTables.egress[source.podClass.index].verdicts[this.targetOf('egress', destination)] : 0;
    const ingress = destination.kind === 'workload' ? this.classTables.ingress[destination.podClass.index].verdicts[this.targetOf('ingress', source)] : 0;
    return this.combineIds(egress, ingress);
  }

  // An endpoint's position in a direction's tables: a workload's is its class's (indexTargets), found without a lookup.
  private targetOf(direction: Direction, endpoint: Endpoint): number {
    return endpoint.kind === 'workload' ? endpoint.podClass.index : (this.targetIndex[direction].get(endpoint) as number);
  }

  // The verdict of both directions, from each direction's verdict id.
  private combineIds(egress: number, ingress: number): number {
    if (egress === 0) return ingress;
    if (ingress === 0) return egress;
    const key = egress * 0x4000000 + ingress;
    let id = this.combined.get(key);
    if (id === undefined) {
      id = this.intern(combine(this.verdicts[egress], this.verdicts[ingress]));
      this.combined.set(key, id);
    }
    return id;
  }

  private indexTargets(direction: Direction): Map<Endpoint, number> {
    const index = new Map<Endpoint, number>();
    const { classes, workloadEndpoints, peerEndpoints } = this.analysis;
    workloadEndpoints.forEach((endpoint) => index.set(endpoint, endpoint.podClass.index));
    [...peerEndpoints[direction].external, ...peerEndpoints[direction].named].forEach((endpoint, offset) => index.set(endpoint, classes.length + offset));
    return index;
  }

  private tableFor(podClass: PodClass, direction: Direction): DirectionTable {
    const positions = this.analysis.applying(podClass, direction);
    const tiers = this.analysis.ordered(positions, direction);
    const rules = tiers.flatMap((tier) => tier.policies.flatMap((policy) => policy.rules.map((ref) => ({ policy, ref }))));
    const namedPorts = rules.some(({ ref }) => hasNamedPorts(ref.rule));
    // Ingress named ports resolve on the subject itself, so its ports are part of what the table depends on.
    const key = `${direction}|${positions.join(',')}|${direction === 'ingress' && namedPorts ? podClass.portKey : ''}`;
    let table = this.tables.get(key);
    if (table) return table;
    // Targets: the classes (at their index), then the peer endpoints outside the pods.
    const { external, named } = this.analysis.peerEndpoints[direction];
    const others: Target[] = [...external, ...named];
    const verdicts = new Int32Array(this.analysis.classes.length + others.length);
    if (positions.length > 0) {
      // One test per distinct peer: targets that pass the same tests get the same decision.
      const tests = new Map<string, { policy: OrderedPolicy; ref: RuleRef; index: number }>();
      rules.forEach(({ policy, ref }) => ref.rule.peers.forEach((_, index) => tests.set(this.analysis.peerKey(policy, ref, index), { policy, ref, index })));
      const memo = new Map<string, number>();
      const verdictFor = (signature: string, target: () => Target) => {
        let id = memo.get(signature);
        if (id === undefined) {
          const decided = target();
          id = this.intern(decide(tiers, (policy, ref) => this.analysis.ruleMatch(direction, podClass, policy, ref, decided)));
          memo.set(signature, id);
        }
        return id;
      };
      const { classes } = this.analysis;
      // Classes: a pod-selecting peer matches the classes its matcher selects, and any other peer
      // matches every class or none (entities and addresses do not tell classes apart), so a
      // class's signature is the pod-selecting tests that match it; most classes match none.
      // Listing each test's classes costs what they match, not tests × classes.
      const matchedTests = new Map<number, number[]>();
      [...tests.values()].forEach((test, testIndex) => {
        const id = this.analysis.podMatcherOf(test.policy, test.ref, test.index);
        if (id === undefined) return;
        for (const classIndex of this.analysis.classesMatching(id)) {
          const list = matchedTests.get(classIndex);
          if (list) list.push(testIndex);
          else matchedTests.set(classIndex, [testIndex]);
        }
      });
      const classVerdict = (podClass: PodClass) => {
        let signature = `class:${matchedTests.get(podClass.index)?.join(',') ?? ''}`;
        if (direction === 'egress' && namedPorts) signature += `|${podClass.portKey}`;
        return verdictFor(signature, () => ({ kind: 'class', podClass }));
      };
      // Where the destination's named ports do not matter, the classes no test matches share one verdict.
      const unmatched = direction === 'egress' && namedPorts ? undefined : classes.find((podClass) => !matchedTests.has(podClass.index));
      if (unmatched) {
        verdicts.fill(classVerdict(unmatched), 0, classes.length);
        for (const index of matchedTests.keys()) verdicts[index] = classVerdict(classes[index]);
      } else {
        classes.forEach((podClass) => (verdicts[podClass.index] = classVerdict(podClass)));
      }
      others.forEach((target, offset) => {
        let signature = '';
        for (const test of tests.values()) signature += this.analysis.peerMatches(test.policy, test.ref, test.index, target) ? '1' : '0';
        verdicts[classes.length + offset] = verdictFor(signature, () => target);
      });
    }
    table = { verdicts };
    this.tables.set(key, table);
    return table;
  }

  private intern(verdict: Verdict): number {
    const key = verdictKey(verdict);
    let id = this.verdictIds.get(key);
    if (id === undefined) {
      id = this.verdicts.push(verdict) - 1;
      this.verdictIds.set(key, id);
      this.connecting[id] = !verdict.allowed.isEmpty() || !verdict.restricted.isEmpty();
    }
    return id;
  }
}

/** Both directions: fully allowed where both allow fully; restricted where both let some requests through. */
function combine(egress: Verdict, ingress: Verdict): Verdict {
  const allowed = egress.allowed.intersect(ingress.allowed);
  const restricted = egress.allowed.union(egress.restricted).intersect(ingress.allowed.union(ingress.restricted)).subtract(allowed);
  return { allowed, restricted };
}

function verdictKey(verdict: Verdict): string {
  return `${verdict.allowed.key}#${verdict.restricted.key}`;
}

/** Evaluates intents (of any dialect, read back or authored) on workloads. */
export function reach(intents: readonly PolicyIntent[], workloads: Workloads): Reachability {
  return new Reachability(new PolicyAnalysis(intents, workloads));
}
