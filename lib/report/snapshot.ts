import type { Endpoint } from '../analysis/endpoints';
import type { Level, ReportModel, WorkloadProtection } from './model';

/** The levels by number, as the snapshot's cells carry them. */
export const LEVELS: readonly Level[] = ['none', 'some', 'all'];

/**
 * What the page draws before it evaluates anything, computed by `netpol report` with the same
 * ReportModel the page would build: the namespace cells, each group's endpoints, protection and
 * the counts. The page evaluates the embedded manifests only for what this leaves out (a
 * workload's cells, explanations, graph filters), so a large cluster is drawn without waiting
 * for the evaluation (docs/report.md, Performance).
 */
export interface ReportSnapshot {
  /** The engine whose semantics applied to the (new) version. */
  readonly engine: string;
  /** What was not analysed, by version index. */
  readonly notAnalysed: readonly { readonly version: number; readonly policy: string; readonly feature: string }[];
  /** The matrix's rows and columns: namespaces, then outside endpoints. */
  readonly groups: readonly string[];
  /** Every source and destination, by name: [name, kind, index of its group]. */
  readonly endpoints: readonly (readonly [string, Endpoint['kind'], number])[];
  /** By group index: its sources' and destinations' indexes in `endpoints`, by name. */
  readonly sources: readonly (readonly number[])[];
  readonly destinations: readonly (readonly number[])[];
  /**
   * By source group, then destination group: 0 where no pair applies, else [level index in LEVELS,
   * pairs, connected] and, in a diff, [..., added, removed]. Arrays, not objects: 18,000 cells at 136 groups.
   */
  readonly cells: readonly (readonly (0 | readonly number[])[])[];
  /** The workloads no policy protects in a direction, or that nothing may reach or leave. */
  readonly protection: readonly WorkloadProtection[];
  /** Pairs widened and narrowed (diff mode). */
  readonly changes: { readonly added: number; readonly removed: number };
}

/** The snapshot of a model. */
export function reportSnapshot(model: ReportModel): ReportSnapshot {
  const groupIndex = new Map(model.groups.map((group, index) => [group, index]));
  const names = [...new Set([...model.sources, ...model.destinations].map((endpoint) => endpoint.name))].sort();
  const byName = new Map<string, Endpoint>();
  for (const endpoint of [...model.sources, ...model.destinations]) if (!byName.has(endpoint.name)) byName.set(endpoint.name, endpoint);
  const index = new Map(names.map((name, at) => [name, at]));
  const side = (which: 'source' | 'destination') => model.groups.map((group) => model.endpointsOf(group, which).map((endpoint) => index.get(endpoint.name) as number));
  return {
    engine: model.versions[model.versions.length - 1].policies.engine,
    notAnalysed: model.versions.flatMap((version, at) => version.policies.notAnalysed.map(({ policy, feature }) => ({ version: at, policy, feature }))),
    groups: model.groups,
    endpoints: names.map((name) => {
      const endpoint = byName.get(name) as Endpoint;
      return [name, endpoint.kind, groupIndex.get(model.groupOf(endpoint)) as number] as const;
    }),
    sources: side('source'),
    destinations: side('destination'),
    cells: model.groups.map((from) =>
      model.groups.map((to) => {
        const cell = model.groupCells.get(from)?.get(to);
        if (!cell) return 0;
        const counts = [LEVELS.indexOf(cell.level), cell.pairs, cell.connected];
        return model.isDiff ? [...counts, cell.added, cell.removed] : counts;
      }),
    ),
    protection: model.protection(),
    changes: model.changeCounts(),
  };
}
