import { Analysed } from '../analysis/analyse';
import { ConnectionSet } from '../analysis/connection-set';
import { Verdict } from '../analysis/decide';
import { endpointUnion, widens } from '../analysis/diff';
import { Endpoint } from '../analysis/endpoints';
import { openDestinations } from '../analysis/open-destinations';
import { explain, explanationText } from '../analysis/explain';
import { verdictText } from '../analysis/format';
import { compareText } from '../analysis/text-order';
import { Port } from '../model/port';

/** How much of a pair's (or a group of pairs') connections is allowed. */
export type Level = 'all' | 'some' | 'none';

/** How a pair changed from the old version to the new one: added = the new one allows more, removed = less, changed = both. */
export type Change = 'added' | 'removed' | 'changed';

/** One source-destination pair, as a matrix cell shows it. */
export interface PairCell {
  /** What the (new) version allows: everything, some connections, or nothing. */
  readonly level: Level;
  /** The allowed connections as `reach` writes them (`TCP 8080`, `All Connections`, `No Connections`). */
  readonly text: string;
  /** In diff mode: how it changed, when it did. */
  readonly change?: Change;
  /** In diff mode: what the old version allowed, as text. */
  readonly before?: string;
}

/** A namespace (or outside endpoint) pair: its pairs of endpoints counted. */
export interface GroupCell {
  /** all = every pair fully allowed, some = at least one pair connected, none = no pair connected. */
  readonly level: Level;
  /** Pairs of distinct endpoints in the cell. */
  readonly pairs: number;
  /** Pairs with some connection allowed (in the new version). */
  readonly connected: number;
  /** Pairs the new version allows more for (diff mode). */
  readonly added: number;
  /** Pairs the new version allows less for (diff mode). */
  readonly removed: number;
}

/** A workload's protection in one direction: no policy selects it, nothing gets through, or some does. */
export type Protection = 'unprotected' | 'isolated' | 'restricted';

/** A workload that no policy protects in a direction, or that nothing may reach or leave. */
export interface WorkloadProtection {
  /** The workload, `namespace/name[Kind]`. */
  readonly name: string;
  /** Incoming connections. */
  readonly ingress: Protection;
  /** Outgoing connections. */
  readonly egress: Protection;
}

const NOTHING: Verdict = { allowed: ConnectionSet.EMPTY, restricted: ConnectionSet.EMPTY };
/** The group of endpoints outside the cluster's namespaces is the endpoint itself: its name. */
const groupOf = (endpoint: Endpoint): string => (endpoint.kind === 'workload' ? endpoint.workload.namespace : endpoint.name);

// Endpoints of one group that every version evaluates alike (same pod class in each), with a representative.
interface Member {
  readonly representative: Endpoint;
  /** The representative as each version lists it on the member's side, where it does. */
  readonly own: readonly (Endpoint | undefined)[];
  readonly endpoints: Endpoint[];
  inbound: number;
  outbound: number;
}

/**
 * What the report page shows, computed from one version (or an old and a new one) with the same
 * evaluator as `reach`, `explain` and `diff`: the pair cells, their aggregation by namespace,
 * protection, and explanations. Runs in Node (tests, the CLI) and in the page.
 */
export class ReportModel {
  /** Every source, by name (both versions' in diff mode). */
  readonly sources: readonly Endpoint[];
  /** Every destination, by name. */
  readonly destinations: readonly Endpoint[];
  /** Namespaces, then the outside endpoints (blocks, entities, FQDNs), by name: the matrix's rows and columns. */
  readonly groups: readonly string[];

  private readonly byName: Map<string, Endpoint>[];
  private readonly listed: { sources: Set<Endpoint>; destinations: Set<Endpoint> }[];
  private readonly sourceMembers = new Map<string, Member[]>();
  private readonly destinationMembers = new Map<string, Member[]>();
  private readonly pairCache = new Map<string, PairCell>();
  private readonly endpointsCache = new Map<string, readonly Endpoint[]>();
  private aggregated?: ReadonlyMap<string, ReadonlyMap<string, GroupCell>>;

  /** `versions`: the one version, or the old and the new one. */
  constructor(readonly versions: readonly Analysed[]) {
    const reachabilities = versions.map((version) => version.reachability);
    this.sources = reachabilities.slice(1).reduce((all, next) => endpointUnion(all, next.sources), [...reachabilities[0].sources]);
    this.destinations = reachabilities.slice(1).reduce((all, next) => endpointUnion(all, next.destinations), [...reachabilities[0].destinations]);
    this.byName = reachabilities.map((reachability) => new Map([...reachability.sources, ...reachability.destinations].map((endpoint) => [endpoint.name, endpoint])));
    this.listed = reachabilities.map((reachability) => ({ sources: new Set(reachability.sources), destinations: new Set(reachability.destinations) }));
    this.collectMembers(this.sources, this.sourceMembers, 'sources');
    this.collectMembers(this.destinations, this.destinationMembers, 'destinations');
    const namespaces = new Set<string>();
    const outside = new Set<string>();
    for (const endpoint of [...this.sources, ...this.destinations]) (endpoint.kind === 'workload' ? namespaces : outside).add(groupOf(endpoint));
    this.groups = [...[...namespaces].sort(compareText), ...[...outside].sort(compareText)];
  }

  /**
   * The namespace pairs' cells, by `source group` then `destination group`. Aggregated on first
   * use: the page gets them embedded (lib/report/snapshot.ts) and evaluates pairs only on demand.
   */
  get groupCells(): ReadonlyMap<string, ReadonlyMap<string, GroupCell>> {
    this.aggregated ??= this.aggregate();
    return this.aggregated;
  }

  /** Whether this is a diff of two versions. */
  get isDiff(): boolean {
    return this.versions.length === 2;
  }

  /** The namespace of a workload, or an outside endpoint's own name. */
  groupOf(endpoint: Endpoint): string {
    return groupOf(endpoint);
  }

  /** The sources (or destinations) of a group, by name. */
  endpointsOf(group: string, side: 'source' | 'destination'): readonly Endpoint[] {
    const key = `${side}\u0000${group}`;
    let endpoints = this.endpointsCache.get(key);
    if (!endpoints) {
      endpoints = ((side === 'source' ? this.sourceMembers : this.destinationMembers).get(group) ?? []).flatMap((member) => member.endpoints).sort((a, b) => compareText(a.name, b.name));
      this.endpointsCache.set(key, endpoints);
    }
    return endpoints;
  }

  /** An endpoint of either version by name. */
  endpoint(name: string): Endpoint | undefined {
    for (const known of this.byName) {
      const endpoint = known.get(name);
      if (endpoint) return endpoint;
    }
    return undefined;
  }

  /** One pair: what the (new) version allows, and in diff mode how it changed. Undefined for a pair `reach` does not list (an endpoint to itself, outside to outside). */
  cell(source: Endpoint, destination: Endpoint): PairCell | undefined {
    if (source.name === destination.name || (source.kind !== 'workload' && destination.kind !== 'workload')) return undefined;
    const key = `${source.name}\u0000${destination.name}`;
    let cell = this.pairCache.get(key);
    if (!cell) {
      cell = this.computeCell(source, destination);
      this.pairCache.set(key, cell);
    }
    return cell;
  }

  /** Any sets of sources and destinations (a namespace's, or one workload's) aggregated as a namespace cell is. */
  combined(sources: readonly Endpoint[], destinations: readonly Endpoint[]): GroupCell {
    let pairs = 0, connected = 0, full = 0, added = 0, removed = 0;
    for (const source of sources) {
      for (const destination of destinations) {
        const cell = this.cell(source, destination);
        if (!cell) continue;
        pairs++;
        if (cell.level !== 'none') connected++;
        if (cell.level === 'all') full++;
        if (cell.change === 'added' || cell.change === 'changed') added++;
        if (cell.change === 'removed' || cell.change === 'changed') removed++;
      }
    }
    return { level: connected === 0 ? 'none' : full === pairs ? 'all' : 'some', pairs, connected, added, removed };
  }

  /** The workloads no policy protects in a direction, or that nothing may reach or leave, by name. */
  protection(): WorkloadProtection[] {
    const current = this.versions[this.versions.length - 1].reachability;
    const inbound = new Map<string, number>();
    const outbound = new Map<string, number>();
    // The aggregation counts each member's connections.
    this.aggregated ??= this.aggregate();
    for (const members of this.destinationMembers.values()) for (const member of members) member.endpoints.forEach((endpoint) => inbound.set(endpoint.name, member.inbound));
    for (const members of this.sourceMembers.values()) for (const member of members) member.endpoints.forEach((endpoint) => outbound.set(endpoint.name, member.outbound));
    const found: WorkloadProtection[] = [];
    for (const endpoint of current.analysis.workloadEndpoints) {
      const protection = (direction: 'ingress' | 'egress', count: number): Protection =>
        current.analysis.applying(endpoint.podClass, direction).length === 0 ? 'unprotected' : count === 0 ? 'isolated' : 'restricted';
      const ingress = protection('ingress', inbound.get(endpoint.name) ?? 0);
      const egress = protection('egress', outbound.get(endpoint.name) ?? 0);
      if (ingress !== 'restricted' || egress !== 'restricted') found.push({ name: endpoint.name, ingress, egress });
    }
    return found;
  }

  /** Pairs the new version allows more for, and less for (diff mode; zero otherwise). */
  changeCounts(): { added: number; removed: number } {
    let added = 0;
    let removed = 0;
    for (const row of this.groupCells.values()) {
      for (const cell of row.values()) {
        added += cell.added;
        removed += cell.removed;
      }
    }
    return { added, removed };
  }

  /** `explain`'s answer for a pair in each version (one port, or every connection), labelled in diff mode. */
  explain(sourceName: string, destinationName: string, port?: Port): string {
    return this.versions
      .map((version, index) => {
        const label = this.isDiff ? `${index === 0 ? 'Old' : 'New'} version:\n` : '';
        const [source, destination] = [sourceName, destinationName].map((name) => this.byName[index].get(name) ?? this.outsideIn(name));
        if (!source || !destination) return `${label}${!source ? sourceName : destinationName} does not exist in this version.`;
        return label + explanationText(explain(version.reachability, source, destination, port));
      })
      .join('\n\n');
  }

  // An outside endpoint of the other version: blocks are re-cut, so it is explained as it is.
  private outsideIn(name: string): Endpoint | undefined {
    const endpoint = this.endpoint(name);
    return endpoint && endpoint.kind !== 'workload' ? endpoint : undefined;
  }

  private computeCell(source: Endpoint, destination: Endpoint): PairCell {
    const { verdicts, level, change } = this.compare(source, destination);
    const text = verdictText(verdicts[verdicts.length - 1]);
    if (!this.isDiff) return { level, text };
    return { level, text, before: verdictText(verdicts[0]), ...(change && { change }) };
  }

  // A pair's level and change without its text: the aggregation counts thousands of pairs and writes none.
  private compare(source: Endpoint, destination: Endpoint): { verdicts: Verdict[]; level: Level; change?: Change } {
    const verdicts = this.versions.map((_, index) => this.verdictIn(index, source, destination, this.listedAs(index, source, 'sources'), this.listedAs(index, destination, 'destinations')));
    return { verdicts, ...levelAndChange(verdicts[verdicts.length - 1], this.isDiff ? verdicts[0] : undefined) };
  }

  // The verdict of one version: its own table when both ends are its own (`from`, `to`: as it
  // lists them), else evaluated for endpoints it does not list.
  private verdictIn(index: number, source: Endpoint, destination: Endpoint, from: Endpoint | undefined, to: Endpoint | undefined): Verdict {
    const { reachability } = this.versions[index];
    if (from && to) return reachability.connection(from, to);
    return reachability.connectionBetween(source, destination) ?? NOTHING;
  }

  // A version's own endpoint of a name, when that version lists it on this side.
  private listedAs(index: number, endpoint: Endpoint, side: 'sources' | 'destinations'): Endpoint | undefined {
    const own = this.byName[index].get(endpoint.name);
    return own && this.listed[index][side].has(own) ? own : undefined;
  }

  // A pair of the aggregation's members, compared (their own endpoints found when they were
  // collected), each answer made once per verdict (per pair of verdicts in diff mode): a diverse
  // cluster's aggregation compares many pairs (each source with what its egress opens to).
  private memberComparer(): (source: Member, destination: Member) => { level: Level; change?: Change } | undefined {
    const answers = new Map<Verdict, Map<Verdict | undefined, { level: Level; change?: Change }>>();
    return (source, destination) => {
      if (source.representative.kind !== 'workload' && destination.representative.kind !== 'workload') return undefined;
      if (this.egressCloses(source, destination)) return NONE;
      const verdict = (index: number) => this.verdictIn(index, source.representative, destination.representative, source.own[index], destination.own[index]);
      const now = verdict(this.versions.length - 1);
      const old = this.isDiff ? verdict(0) : undefined;
      let byOld = answers.get(now);
      if (!byOld) answers.set(now, (byOld = new Map()));
      let answer = byOld.get(old);
      if (!answer) byOld.set(old, (answer = levelAndChange(now, old)));
      return answer;
    };
  }

  // Whether no version lets anything go from the source to the destination, found without making
  // verdicts: in each version the source's egress lets nothing go to the destination, or one end
  // is a workload the version does not have (its verdict allows nothing). Most pairs under a
  // default deny.
  private egressCloses(source: Member, destination: Member): boolean {
    for (let index = 0; index < this.versions.length; index++) {
      if (absentIn(source, index) || absentIn(destination, index)) continue;
      const [own, other] = [source.own[index], destination.own[index]];
      if (own?.kind !== 'workload' || !other || !this.versions[index].reachability.egressCloses(own, other)) return false;
    }
    return true;
  }

  // Endpoints of a group that every version puts in the same pod class are evaluated once.
  private collectMembers(endpoints: readonly Endpoint[], into: Map<string, Member[]>, side: 'sources' | 'destinations'): void {
    const byKey = new Map<string, Member>();
    for (const endpoint of endpoints) {
      const classes = this.versions.map((version) => (endpoint.kind === 'workload' ? (version.reachability.workload(endpoint.name)?.podClass.index ?? '-') : endpoint.name)).join('|');
      const key = `${groupOf(endpoint)}\u0000${endpoint.kind}\u0000${classes}`;
      let member = byKey.get(key);
      if (!member) {
        member = { representative: endpoint, own: this.versions.map((_, index) => this.listedAs(index, endpoint, side)), endpoints: [], inbound: 0, outbound: 0 };
        byKey.set(key, member);
        const group = into.get(groupOf(endpoint)) ?? [];
        group.push(member);
        into.set(groupOf(endpoint), group);
      }
      member.endpoints.push(endpoint);
    }
  }

  // Every pair of members is counted, but only those whose egress opens in some version are
  // compared: the others allow nothing in every version (egressCloses), so they add pairs and
  // nothing else. A pair's count is its members' endpoints multiplied, less an endpoint paired
  // with itself; a group's pairs with another are its endpoints multiplied the same way.
  private aggregate(): Map<string, Map<string, GroupCell>> {
    const comparePair = this.memberComparer();
    const groupIndex = new Map(this.groups.map((group, index) => [group, index]));
    const destinations = [...this.destinationMembers.values()].flat();
    const found = new Map<number, { connected: number; full: number; added: number; removed: number }>();
    const candidates = openDestinations(this.versions.map((version) => version.reachability), destinations);
    // An endpoint on both sides (a workload) pairs with every endpoint but itself.
    const holding = new Map<Endpoint, Member>();
    destinations.forEach((member) => member.endpoints.forEach((endpoint) => holding.set(endpoint, member)));
    const bothSides = new Map<string, number>();
    for (const [from, sources] of this.sourceMembers) {
      const row = (groupIndex.get(from) as number) * this.groups.length;
      for (const source of sources) {
        // The destination members holding this member's endpoints, with how many.
        const alsoDestination = new Map<Member, number>();
        for (const endpoint of source.endpoints) {
          const member = holding.get(endpoint);
          if (!member) continue;
          alsoDestination.set(member, (alsoDestination.get(member) ?? 0) + 1);
          bothSides.set(from, (bothSides.get(from) ?? 0) + 1);
        }
        for (const destination of candidates(source)) {
          const cell = comparePair(source, destination);
          if (!cell) continue;
          const shared = alsoDestination.get(destination) ?? 0;
          const count = source.endpoints.length * destination.endpoints.length - shared;
          if (count === 0 || (cell.level === 'none' && cell.change === undefined)) continue;
          const key = row + (groupIndex.get(groupOf(destination.representative)) as number);
          let counts = found.get(key);
          if (!counts) found.set(key, (counts = { connected: 0, full: 0, added: 0, removed: 0 }));
          if (cell.level !== 'none') {
            counts.connected += count;
            source.outbound += destination.endpoints.length - (shared > 0 ? 1 : 0);
            destination.inbound += source.endpoints.length - (shared > 0 ? 1 : 0);
          }
          if (cell.level === 'all') counts.full += count;
          if (cell.change === 'added' || cell.change === 'changed') counts.added += count;
          if (cell.change === 'removed' || cell.change === 'changed') counts.removed += count;
        }
      }
    }
    const sizes = (members: Map<string, Member[]>) => new Map([...members].map(([group, list]) => [group, list.reduce((sum, member) => sum + member.endpoints.length, 0)]));
    const [sourceSizes, destinationSizes] = [sizes(this.sourceMembers), sizes(this.destinationMembers)];
    const hasWorkloads = (members: readonly Member[] | undefined) => members?.some((member) => member.representative.kind === 'workload') ?? false;
    const cells = new Map<string, Map<string, GroupCell>>();
    this.groups.forEach((from, fromIndex) => {
      const row = new Map<string, GroupCell>();
      const outsideSource = !hasWorkloads(this.sourceMembers.get(from));
      this.groups.forEach((to, toIndex) => {
        // Outside to outside is no pair; a namespace's endpoints do not pair with themselves.
        if (outsideSource && !hasWorkloads(this.destinationMembers.get(to))) return;
        const pairs = (sourceSizes.get(from) ?? 0) * (destinationSizes.get(to) ?? 0) - (from === to ? (bothSides.get(from) ?? 0) : 0);
        if (pairs === 0) return;
        const { connected, full, added, removed } = found.get(fromIndex * this.groups.length + toIndex) ?? { connected: 0, full: 0, added: 0, removed: 0 };
        row.set(to, { level: connected === 0 ? 'none' : full === pairs ? 'all' : 'some', pairs, connected, added, removed });
      });
      cells.set(from, row);
    });
    return cells;
  }
}

// Whether a member is a workload that a version (by index) does not have.
const absentIn = (member: Member, index: number): boolean => member.representative.kind === 'workload' && member.own[index] === undefined;

// A pair that connects in no version.
const NONE: { level: Level } = { level: 'none' };

// What a pair's cell shows: how much the (new) verdict allows, and in diff mode how it changed from the old one.
function levelAndChange(now: Verdict, old: Verdict | undefined): { level: Level; change?: Change } {
  const level: Level = now.allowed.isAll() ? 'all' : now.allowed.isEmpty() && now.restricted.isEmpty() ? 'none' : 'some';
  if (old === undefined) return { level };
  const wider = widens(old, now);
  const narrower = widens(now, old);
  const change: Change | undefined = wider && narrower ? 'changed' : wider ? 'added' : narrower ? 'removed' : undefined;
  return { level, change };
}
