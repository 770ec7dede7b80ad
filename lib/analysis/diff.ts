import { disjointBlocks } from './address-blocks';
import { ConnectionSet } from './connection-set';
import { Verdict } from './decide';
import { Endpoint, ExternalEndpoint, externalEndpoint, WorkloadEndpoint } from './endpoints';
import { openDestinations } from './open-destinations';
import { Reachability } from './reach';
import { compareText } from './text-order';

/** netpol-analyzer's diff types. */
export type ChangeKind = 'changed' | 'added' | 'removed';

/** One pair whose connections differ between two versions. */
export interface ConnectionChange {
  /** changed (both versions connect them), added (only the new one), removed (only the old one). */
  readonly kind: ChangeKind;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  /** What the old version allows (nothing when added). */
  readonly before: Verdict;
  /** What the new version allows (nothing when removed). */
  readonly after: Verdict;
  /** Whether the new version allows something the old one did not. */
  readonly widening: boolean;
  /** netpol-analyzer's workloads-diff-info: `workload X added` when an end exists in one version only. */
  readonly workloadsInfo: string;
}

const NOTHING: Verdict = { allowed: ConnectionSet.EMPTY, restricted: ConnectionSet.EMPTY };

/** Whether `after` allows something `before` does not (fully, or for more L7 requests' connections). */
export function widens(before: Verdict, after: Verdict): boolean {
  return !after.allowed.isSubsetOf(before.allowed) || !after.restricted.isSubsetOf(before.allowed.union(before.restricted));
}

/**
 * The pairs whose connections differ between two evaluations, changed first, then added, then
 * removed, each sorted by source and destination. External blocks are re-cut so each lies inside
 * or outside every block of both versions; workloads, entities and FQDNs are matched by name.
 */
export function diffReachability(before: Reachability, after: Reachability): ConnectionChange[] {
  const sources = endpointUnion(before.sources, after.sources);
  const destinations = endpointUnion(before.destinations, after.destinations);
  const changes: ConnectionChange[] = [];
  const same = sameVerdicts();
  const compare = (source: Endpoint, destination: Endpoint, old: Verdict, now: Verdict) => {
    if (same(old, now)) return;
    const empty = (verdict: Verdict) => verdict.allowed.isEmpty() && verdict.restricted.isEmpty();
    const kind: ChangeKind = empty(old) ? 'added' : empty(now) ? 'removed' : 'changed';
    changes.push({ kind, source, destination, before: old, after: now, widening: widens(old, now), workloadsInfo: workloadsInfo(kind, source, destination, before, after) });
  };
  // Workloads of both versions: pods whose classes agree in both have the same connections, so
  // each pair of such groups is compared once (groups², not pods², for the cover cluster's pods).
  // Only the groups a group's egress lets something go to in either version are compared: to the
  // others both versions allow nothing, the same (most pairs under a default deny).
  const groups = sharedGroups(before, after);
  const byClass = (side: 'before' | 'after') => {
    const found = new Map<number, SharedGroup[]>();
    for (const group of groups) {
      const list = found.get(group[side]);
      if (list) list.push(group);
      else found.set(group[side], [group]);
    }
    return found;
  };
  const [beforeClasses, afterClasses] = [byClass('before'), byClass('after')];
  for (const from of groups) {
    const [beforeTargets, afterTargets] = [before.openEgressTargets(from.before), after.openEgressTargets(from.after)];
    let opened: Iterable<SharedGroup> = groups;
    if (beforeTargets && afterTargets) {
      const found = new Set<SharedGroup>();
      for (const position of beforeTargets) beforeClasses.get(position)?.forEach((group) => found.add(group));
      for (const position of afterTargets) afterClasses.get(position)?.forEach((group) => found.add(group));
      opened = found;
    }
    for (const to of opened) {
      // Egress that lets nothing through in both versions: both allow nothing, the same.
      if (!before.classEgressOpens(from.before, to.before) && !after.classEgressOpens(from.after, to.after)) continue;
      const old = before.classConnection(from.before, to.before);
      const now = after.classConnection(from.after, to.after);
      if (same(old, now)) continue;
      for (const source of from.workloads) for (const destination of to.workloads) if (source !== destination) compare(source, destination, old, now);
    }
  }
  // Every other pair: an end outside the pods, or a workload of one version only. Each end is
  // looked up in each version once, and only the destinations a source's egress may open to in
  // some version are compared (openDestinations); a version that lacks a workload of the pair, or
  // whose egress surely lets nothing through, allows it nothing (most pairs of a removed pod).
  const versions = [before, after];
  const withOwn = (endpoints: readonly Endpoint[]) => endpoints.map((endpoint) => ({ representative: endpoint, own: versions.map((version) => version.own(endpoint)) }));
  const verdictIn = (index: number, from: Endpoint | undefined, to: Endpoint | undefined): Verdict => {
    if (!from || !to || (from.kind === 'workload' && versions[index].egressCloses(from, to))) return NOTHING;
    return versions[index].ownConnection(from, to);
  };
  const shared = new Set<Endpoint>(groups.flatMap((group) => group.workloads));
  const allDestinations = withOwn(destinations);
  // A workload of both versions pairs here only with the other destinations: with the rest, above.
  const [toAll, toOthers] = [allDestinations, allDestinations.filter(({ representative }) => !shared.has(representative))].map((list) => openDestinations(versions, list));
  for (const source of withOwn(sources)) {
    for (const destination of (shared.has(source.representative) ? toOthers : toAll)(source)) {
      const [from, to] = [source.representative, destination.representative];
      if (from.name === to.name || (from.kind !== 'workload' && to.kind !== 'workload')) continue;
      compare(from, to, verdictIn(0, source.own[0], destination.own[0]), verdictIn(1, source.own[1], destination.own[1]));
    }
  }
  const rank: Record<ChangeKind, number> = { changed: 0, added: 1, removed: 2 };
  return changes.sort((a, b) => rank[a.kind] - rank[b.kind] || compareText(a.source.name, b.source.name) || compareText(a.destination.name, b.destination.name));
}

// Verdict equality, remembered per pair of verdicts (each evaluation interns its verdicts).
function sameVerdicts(): (old: Verdict, now: Verdict) => boolean {
  const known = new Map<Verdict, Map<Verdict, boolean>>();
  return (old, now) => {
    let row = known.get(old);
    if (!row) known.set(old, (row = new Map()));
    let same = row.get(now);
    if (same === undefined) row.set(now, (same = old.allowed.equals(now.allowed) && old.restricted.equals(now.restricted)));
    return same;
  };
}

/** Workloads of both versions (the old version's endpoints), grouped by their class in each. */
interface SharedGroup {
  readonly before: number;
  readonly after: number;
  readonly workloads: WorkloadEndpoint[];
}

function sharedGroups(before: Reachability, after: Reachability): SharedGroup[] {
  const groups = new Map<string, SharedGroup>();
  for (const workload of before.analysis.workloadEndpoints) {
    const other = after.workload(workload.name);
    if (!other) continue;
    const key = `${workload.podClass.index}/${other.podClass.index}`;
    const group = groups.get(key);
    if (group) group.workloads.push(workload);
    else groups.set(key, { before: workload.podClass.index, after: other.podClass.index, workloads: [workload] });
  }
  return [...groups.values()];
}

/** The endpoints of two versions by name, external blocks re-cut so each lies inside or outside every block of both. */
export function endpointUnion(before: readonly Endpoint[], after: readonly Endpoint[]): Endpoint[] {
  const byName = new Map<string, Endpoint>();
  [...before, ...after].filter((endpoint) => endpoint.kind !== 'external').forEach((endpoint) => byName.has(endpoint.name) || byName.set(endpoint.name, endpoint));
  const external = [...before, ...after].filter((endpoint): endpoint is ExternalEndpoint => endpoint.kind === 'external');
  const blocks = disjointBlocks(external.map((endpoint) => endpoint.addresses)).map(externalEndpoint);
  return [...blocks, ...byName.values()].sort((a, b) => compareText(a.name, b.name));
}

function workloadsInfo(kind: ChangeKind, source: Endpoint, destination: Endpoint, before: Reachability, after: Reachability): string {
  if (kind === 'changed') return '';
  const version = kind === 'added' ? before : after;
  const missing = [source, destination].filter((endpoint) => endpoint.kind === 'workload' && !version.workload(endpoint.name));
  return missing.length > 0 ? `workload ${missing.map((endpoint) => endpoint.name).join(' and ')} ${kind}` : '';
}
