import { ConnectionChange, diffReachability } from '../analysis/diff';
import { verdictText } from '../analysis/format';
import { reach } from '../analysis/reach';
import { Workloads } from '../analysis/workloads';
import { PolicyIntent } from '../model/intent';
import { Problem } from '../model/errors';
import { coverCluster } from './cover-cluster';

/** Two policy sets compared on one cluster, as `netpol diff` compares them. */
export interface Comparison {
  /** Which cluster: 'cover cluster' or 'given workloads'. */
  readonly cluster: string;
  /** Its namespaces and workloads. */
  readonly namespaces: number;
  readonly workloads: number;
  /** The source-destination pairs compared. */
  readonly pairs: number;
  /** The pairs whose connections differ (none: the sets mean the same there). */
  readonly changes: readonly ConnectionChange[];
}

/** Compares two policy sets on workloads: who reaches whom, on which ports, under each. */
export function compareOn(cluster: string, workloads: Workloads, before: readonly PolicyIntent[], after: readonly PolicyIntent[]): Comparison {
  const [old, now] = [reach(before, workloads), reach(after, workloads)];
  const sources = new Set([...old.sources, ...now.sources].map((endpoint) => endpoint.name)).size;
  const destinations = new Set([...old.destinations, ...now.destinations].map((endpoint) => endpoint.name)).size;
  return { cluster, namespaces: workloads.namespaces.length, workloads: workloads.workloads.length, pairs: sources * destinations, changes: diffReachability(old, now) };
}

/**
 * Compares two policy sets on the cover cluster of both (every selector, named port and service
 * account they use) and, when given, on real workloads.
 */
export function compareMeaning(before: readonly PolicyIntent[], after: readonly PolicyIntent[], given?: Workloads): Comparison[] {
  const comparisons = [compareOn('cover cluster', coverCluster([...before, ...after]), before, after)];
  if (given && given.workloads.length > 0) comparisons.push(compareOn('given workloads', given, before, after));
  return comparisons;
}

/** One line per comparison: where, how big, and whether the sets agree. */
export function comparisonSummary(comparisons: readonly Comparison[]): string {
  return comparisons
    .map(({ cluster, namespaces, workloads, pairs, changes }) =>
      `${cluster} (${counted(namespaces, 'namespace')}, ${counted(workloads, 'workload')}): ${counted(pairs, 'source-destination pair')} compared, ${changes.length === 0 ? 'all alike' : `${changes.length} differ`}`)
    .join('\n');
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The pairs that differ, as problems naming both ends and what each side allows. */
export function differences(comparisons: readonly Comparison[]): Problem[] {
  return comparisons.flatMap(({ cluster, changes }) =>
    changes.map((change) => ({
      where: `${cluster}: ${change.source.name} => ${change.destination.name}`,
      field: '',
      message: `input allows ${verdictText(change.before)}, output allows ${verdictText(change.after)}`,
    })),
  );
}
