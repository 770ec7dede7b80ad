import type { IConstruct } from 'constructs';
import type { DialectName } from '../dialects/capabilities';
import type { Manifest } from '../dialects/manifest';
import type { PolicyIntent } from '../model/intent';

/** What AppCharts needs of a policy. */
export interface AppPolicy extends IConstruct {
  /** The policy as a dialect-neutral intent. */
  readonly intent: PolicyIntent;
}

/** What AppCharts needs of a PolicyChart (a type of its own: policy-chart.ts imports this file). */
export interface AppChart extends IConstruct {
  /** The dialect the chart renders to. */
  readonly dialect: DialectName;
  /** The chart's policies, in construct order. */
  readonly policies: readonly AppPolicy[];
}

/** Where a policy's name is first used among the charts of one dialect. */
export interface FirstUse<C> {
  /** The chart holding the policy. */
  readonly chart: C;
  /** The policy's position among the chart's intents. */
  readonly index: number;
  /** The policy's construct path (its name when it has none). */
  readonly where: string;
}

/** An object written by a chart: the first of the charts of its dialect to write it. */
export interface WrittenObject<C> {
  /** The chart that writes it. */
  readonly chart: C;
  /** The object as that chart writes it. */
  readonly manifest: Manifest;
  /** Its JSON text, made when a later chart writes an object of the same identity. */
  text?: string;
}

/**
 * The PolicyCharts of one app as they were at one count of policy changes, with what each chart's
 * rendering needs from the others: found, and their intents made, once for the whole app. Each
 * chart finding its siblings and making their intents itself made an app of many charts take time
 * quadratic in its charts (400 charts of 25 policies: 12 s against 0.8 s in one chart).
 */
export class AppCharts<C extends AppChart> {
  private readonly byDialect = new Map<DialectName, C[]>();
  private readonly positions = new Map<C, number>();
  private readonly policies = new Map<C, { policies: readonly AppPolicy[]; intents: PolicyIntent[] }>();
  private readonly firstUses = new Map<DialectName, Map<string, FirstUse<C>>>();
  private readonly written = new Map<DialectName, { charts: number; objects: Map<string, WrittenObject<C>> }>();

  /** `charts`: every PolicyChart of the app, in construct order; `changes`: the policy change count they were found at. */
  constructor(readonly changes: number, charts: readonly C[]) {
    for (const chart of charts) {
      const same = this.byDialect.get(chart.dialect);
      this.positions.set(chart, same?.length ?? 0);
      if (same) same.push(chart);
      else this.byDialect.set(chart.dialect, [chart]);
    }
  }

  /** The app's charts that render to a dialect, in construct order. */
  private chartsOf(dialect: DialectName): readonly C[] {
    return this.byDialect.get(dialect) ?? [];
  }

  /** A chart's policies and their intents, found and made once. */
  private policiesAndIntentsOf(chart: C): { policies: readonly AppPolicy[]; intents: PolicyIntent[] } {
    let found = this.policies.get(chart);
    if (found === undefined) {
      const policies = chart.policies;
      this.policies.set(chart, (found = { policies, intents: policies.map((policy) => policy.intent) }));
    }
    return found;
  }

  /** A chart's policies, as they were found. */
  policiesOf(chart: C): readonly AppPolicy[] {
    return this.policiesAndIntentsOf(chart).policies;
  }

  /** A chart's intents, made once. */
  intentsOf(chart: C): PolicyIntent[] {
    return this.policiesAndIntentsOf(chart).intents;
  }

  /** Where each policy name (by namespace, or cluster-wide) is first used among a dialect's charts. */
  firstUsesOf(dialect: DialectName): ReadonlyMap<string, FirstUse<C>> {
    const found = this.firstUses.get(dialect);
    if (found) return found;
    const uses = new Map<string, FirstUse<C>>();
    for (const chart of this.chartsOf(dialect)) {
      this.intentsOf(chart).forEach((intent, index) => {
        const key = policyKey(intent);
        if (!uses.has(key)) uses.set(key, { chart, index, where: intent.path ?? intent.name });
      });
    }
    this.firstUses.set(dialect, uses);
    return uses;
  }

  /**
   * The objects written by the charts of the chart's dialect that come before it, by identity.
   * `manifestsOf` renders a chart (undefined when it has problems: it writes nothing); it is called
   * for each earlier chart once, in order, and may itself ask this of that chart.
   */
  writtenBefore(chart: C, manifestsOf: (chart: C) => Manifest[] | undefined): ReadonlyMap<string, WrittenObject<C>> {
    const charts = this.chartsOf(chart.dialect);
    const position = this.positions.get(chart) ?? -1;
    let written = this.written.get(chart.dialect);
    if (written === undefined) this.written.set(chart.dialect, (written = { charts: 0, objects: new Map() }));
    // Each chart renders once per AppCharts, and a new chart makes a new AppCharts: never past it.
    if (position < 0 || written.charts > position) throw new Error(`${chart.node.path}: not among its app's charts as they were found (removed from the app?)`);
    while (written.charts < position) {
      const earlier = charts[written.charts];
      for (const manifest of manifestsOf(earlier) ?? []) {
        const key = identity(manifest);
        if (!written.objects.has(key)) written.objects.set(key, { chart: earlier, manifest });
      }
      written.charts++;
    }
    return written.objects;
  }
}

/** The key two policies of one dialect must not share: namespace (none when cluster-wide) and name. */
export function policyKey(intent: PolicyIntent): string {
  return `${intent.scope === 'cluster' ? '' : intent.scope.namespace}/${intent.name}`;
}

/** An object's identity in a cluster: `apiVersion kind [namespace/]name`. */
export function identity(manifest: Manifest): string {
  const { namespace, name } = manifest.metadata;
  return `${manifest.apiVersion} ${manifest.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
