import { disjointBlocks } from './address-blocks';
import { ConnectionSet } from './connection-set';
import { Verdict } from './decide';
import { Endpoint, ExternalEndpoint, externalEndpoint } from './endpoints';
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
  for (const source of sources) {
    for (const destination of destinations) {
      if (source.name === destination.name || (source.kind !== 'workload' && destination.kind !== 'workload')) continue;
      const old = before.connectionBetween(source, destination) ?? NOTHING;
      const now = after.connectionBetween(source, destination) ?? NOTHING;
      if (old.allowed.equals(now.allowed) && old.restricted.equals(now.restricted)) continue;
      const empty = (verdict: Verdict) => verdict.allowed.isEmpty() && verdict.restricted.isEmpty();
      const kind: ChangeKind = empty(old) ? 'added' : empty(now) ? 'removed' : 'changed';
      changes.push({ kind, source, destination, before: old, after: now, widening: widens(old, now), workloadsInfo: workloadsInfo(kind, source, destination, before, after) });
    }
  }
  const rank: Record<ChangeKind, number> = { changed: 0, added: 1, removed: 2 };
  return changes.sort((a, b) => rank[a.kind] - rank[b.kind] || compareText(a.source.name, b.source.name) || compareText(a.destination.name, b.destination.name));
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
