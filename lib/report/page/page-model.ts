// What the page's views ask of the data. The first drawing comes from the snapshot `netpol report`
// embeds; the embedded manifests are evaluated (once, on the page's thread) when a view needs
// more: a workload's cells, an explanation, a filtered or opened graph.
import type { Endpoint } from '../../analysis/endpoints';
import type { SourcedManifest } from '../../analysis/manifests';
import type { PageData } from '../data';
import type { GroupCell, PairCell, ReportModel, WorkloadProtection } from '../model';
import { LEVELS, ReportSnapshot } from '../snapshot';
import { part } from './parts';

/** An endpoint as the views know it: its name, kind and group (namespace, or itself when outside). */
export interface PageEndpoint {
  readonly name: string;
  readonly kind: Endpoint['kind'];
  readonly group: string;
}

type Side = 'source' | 'destination';

/** The report's data for the views: the snapshot's answers at once, the evaluator's on demand. */
export class PageModel {
  /** The matrix's rows and columns: namespaces, then outside endpoints. */
  readonly groups: readonly string[];
  /** The namespace pairs' cells, by source group then destination group. */
  readonly groupCells: ReadonlyMap<string, ReadonlyMap<string, GroupCell>>;
  /** Whether this is a diff of two versions. */
  readonly isDiff: boolean;
  /** How many workloads there are (both versions' in a diff). */
  readonly workloads: number;
  /** The engine whose semantics applied to the (new) version. */
  readonly engine: string;

  private readonly byName = new Map<string, PageEndpoint>();
  private readonly sides: Record<Side, Map<string, readonly PageEndpoint[]>> = { source: new Map(), destination: new Map() };
  private evaluated?: { model: ReportModel; source: Map<string, Endpoint>; destination: Map<string, Endpoint> };

  /** `manifests`: reads each version's manifests, when the page first evaluates. */
  constructor(private readonly data: PageData, private readonly manifests: () => readonly (readonly SourcedManifest[])[]) {
    const snapshot: ReportSnapshot = data.snapshot;
    this.groups = snapshot.groups;
    this.isDiff = data.versions.length === 2;
    this.engine = snapshot.engine;
    const endpoints = snapshot.endpoints.map(([name, kind, group]): PageEndpoint => ({ name, kind, group: snapshot.groups[group] }));
    endpoints.forEach((endpoint) => this.byName.set(endpoint.name, endpoint));
    this.workloads = endpoints.filter((endpoint) => endpoint.kind === 'workload').length;
    snapshot.groups.forEach((group, at) => {
      this.sides.source.set(group, snapshot.sources[at].map((index) => endpoints[index]));
      this.sides.destination.set(group, snapshot.destinations[at].map((index) => endpoints[index]));
    });
    const cells = new Map<string, Map<string, GroupCell>>();
    snapshot.cells.forEach((row, from) => {
      const decoded = new Map<string, GroupCell>();
      row.forEach((cell, to) => {
        if (cell === 0) return;
        const [level, pairs, connected, added = 0, removed = 0] = cell;
        decoded.set(snapshot.groups[to], { level: LEVELS[level], pairs, connected, added, removed });
      });
      cells.set(snapshot.groups[from], decoded);
    });
    this.groupCells = cells;
  }

  /** The sources (or destinations) of a group, by name. */
  endpointsOf(group: string, side: Side): readonly PageEndpoint[] {
    return this.sides[side].get(group) ?? [];
  }

  /** An endpoint of either version by name. */
  endpoint(name: string): PageEndpoint | undefined {
    return this.byName.get(name);
  }

  /** Whether the manifests have been evaluated yet (the views drawn from the snapshot alone have not). */
  get isEvaluated(): boolean {
    return this.evaluated !== undefined;
  }

  /** One pair, as ReportModel.cell. */
  cell(source: PageEndpoint, destination: PageEndpoint): PairCell | undefined {
    const { model, ...sides } = this.evaluate();
    return model.cell(sides.source.get(source.name) as Endpoint, sides.destination.get(destination.name) as Endpoint);
  }

  /** Sets of sources and destinations aggregated, as ReportModel.combined. */
  combined(sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[]): GroupCell {
    const { model, ...sides } = this.evaluate();
    return model.combined(sources.map((endpoint) => sides.source.get(endpoint.name) as Endpoint), destinations.map((endpoint) => sides.destination.get(endpoint.name) as Endpoint));
  }

  /** `explain`'s answer for a pair, as ReportModel.explain, for one port (`TCP/8080`, as `explain --port`) or every connection. */
  explain(sourceName: string, destinationName: string, port?: string): string {
    return this.evaluate().model.explain(sourceName, destinationName, port === undefined ? undefined : part('evaluator').parsePort(port));
  }

  /** The workloads no policy protects in a direction, or that nothing may reach or leave. */
  protection(): readonly WorkloadProtection[] {
    return this.data.snapshot.protection;
  }

  /** Pairs widened and narrowed (diff mode). */
  changeCounts(): { added: number; removed: number } {
    return this.data.snapshot.changes;
  }

  /** The manifests evaluated with the bundled evaluator, once. */
  evaluate(): NonNullable<PageModel['evaluated']> {
    if (!this.evaluated) {
      const model = part('evaluator').evaluate(this.manifests(), this.data.engine);
      this.evaluated = { model, source: new Map(model.sources.map((endpoint) => [endpoint.name, endpoint])), destination: new Map(model.destinations.map((endpoint) => [endpoint.name, endpoint])) };
      performance.mark('netpol-evaluated');
    }
    return this.evaluated;
  }
}
