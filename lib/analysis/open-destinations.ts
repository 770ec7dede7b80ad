import { Endpoint } from './endpoints';
import { Reachability } from './reach';

/** An endpoint (or endpoints alike) compared across versions: one that stands for it, and its own endpoint in each version, where it has one. */
export interface AcrossVersions {
  /** The endpoint that stands for it. */
  readonly representative: Endpoint;
  /** Its endpoint in each version (by index): undefined where the version has none. */
  readonly own: readonly (Endpoint | undefined)[];
}

/**
 * For a source, the destinations its egress may let something go to in some version, each once:
 * to every other one each version allows nothing, as its egress surely lets nothing through
 * (`Reachability.egressCloses`) or it lacks a workload of the pair. Every destination for a
 * source outside the cluster, or one whose egress in some version opens to most positions (as
 * quick to look at all). An outside destination a version does not list is evaluated there, so
 * it is always among them. Comparing only these is what keeps a diverse cluster's comparisons
 * (classes², `netpol report`, `netpol diff`) to the pairs that connect.
 */
export function openDestinations<T extends AcrossVersions>(versions: readonly Reachability[], destinations: readonly T[]): (source: AcrossVersions) => Iterable<T> {
  const atPosition = versions.map(() => new Map<number, T[]>());
  const unlisted = versions.map(() => [] as T[]);
  for (const destination of destinations) {
    destination.own.forEach((own, index) => {
      const position = own && versions[index].egressTarget(own);
      if (position === undefined) {
        if (destination.representative.kind !== 'workload') unlisted[index].push(destination);
        return;
      }
      const list = atPosition[index].get(position);
      if (list) list.push(destination);
      else atPosition[index].set(position, [destination]);
    });
  }
  const found = new Set<T>();
  return (source) => {
    if (source.representative.kind !== 'workload') return destinations;
    const targets = source.own.map((own, index) => (own?.kind === 'workload' ? versions[index].openEgressTargets(own.podClass.index) : null));
    if (targets.includes(undefined)) return destinations;
    found.clear();
    targets.forEach((open, index) => {
      if (!open) return; // a version without the workload allows it nothing
      for (const position of open) atPosition[index].get(position)?.forEach((destination) => found.add(destination));
      unlisted[index].forEach((destination) => found.add(destination));
    });
    return found;
  };
}
