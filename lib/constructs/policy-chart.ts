import { ApiObject, App, Chart, ChartProps, YamlOutputType } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { dialectOf } from '../dialects';
import { formatProblem, NetpolError, Problem } from '../model/errors';
import { Manifest } from '../dialects/manifest';
import { PolicyIntent } from '../model/intent';
import { Policy } from './policy';
import { AppCharts, FirstUse, identity, policyKey, WrittenObject } from './app-charts';
import { checkProps } from './props';
import { constructPaths, writeConstructPaths } from './construct-paths';

// Counts changes to any policy, so a chart renders again only after one (cdk8s validates twice per synth).
let policyChanges = 0;

/** Records that a policy changed, so the next synth renders again. */
export function policyChanged(): void {
  policyChanges++;
}

/** The app context key that sets the dialect of every PolicyChart that does not set its own. */
export const DIALECT_CONTEXT_KEY = 'cdk8s-netpol/dialect';

export interface PolicyChartProps extends ChartProps {
  /** The dialect the chart's policies are written in. @default the app's `cdk8s-netpol/dialect` context value, else 'kubernetes' */
  readonly dialect?: DialectName;
  /** Write the dialect's experimental API channel where it has one (kubernetes-cnp: domainNames for FQDN peers). @default false: the standard channel */
  readonly experimental?: boolean;
}

/** @internal PolicyChartProps at run time (cdk8s' ChartProps included, so a misspelt one is caught too). */
export const policyChartPropsSchema = z.strictObject({
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  disableResourceNameHashes: z.boolean().optional(),
  dialect: z.enum(DIALECT_NAMES).optional(),
  experimental: z.boolean().optional(),
});

const POLICY_CHART = Symbol.for('cdk8s-netpol.PolicyChart');

/**
 * A cdk8s Chart whose Policy constructs (and the patterns made of them) are rendered, at synth
 * time, into the manifests of one dialect. Its `namespace` is the default namespace of its policies.
 */
export class PolicyChart extends Chart {
  /** Whether a value is a PolicyChart (Chart's own `instanceof` accepts every Chart, so it needs its own test). */
  static isPolicyChart(value: unknown): value is PolicyChart {
    return typeof value === 'object' && value !== null && POLICY_CHART in value;
  }

  static [Symbol.hasInstance](value: unknown): value is PolicyChart {
    return PolicyChart.isPolicyChart(value);
  }

  /** The nearest PolicyChart above a construct; throws when there is none. */
  static policyChartOf(construct: IConstruct): PolicyChart {
    for (let scope: IConstruct | undefined = construct; scope; scope = scope.node.scope) {
      if (scope instanceof PolicyChart) return scope;
    }
    throw new Error(`${construct.node.path}: policies must be defined inside a PolicyChart (from cdk8s-netpol), not a plain Chart`);
  }

  /** The dialect this chart renders to. */
  readonly dialect: DialectName;
  private readonly experimental: boolean;

  constructor(scope: Construct, id: string, props: PolicyChartProps = {}) {
    checkProps(policyChartPropsSchema, props, scope, id);
    super(scope, id, props);
    Object.defineProperty(this, POLICY_CHART, { value: true });
    const dialect = props.dialect ?? this.node.tryGetContext(DIALECT_CONTEXT_KEY) ?? 'kubernetes';
    if (!DIALECT_NAMES.includes(dialect)) {
      throw new Error(`${this.node.path}: unknown dialect "${dialect}": use one of ${DIALECT_NAMES.join(', ')}`);
    }
    this.dialect = dialect;
    this.experimental = props.experimental ?? false;
    this.node.addValidation({ validate: () => this.validatePolicies() });
    policyChanged(); // the app's charts are found again
  }

  /** The Policy constructs of this chart (not of nested charts), in construct order. */
  get policies(): Policy[] {
    const policies: Policy[] = [];
    const visit = (scope: IConstruct) => {
      for (const child of scope.node.children) {
        if (child instanceof PolicyChart) continue;
        if (child instanceof Policy) policies.push(child);
        visit(child);
      }
    };
    visit(this);
    return policies;
  }

  /** The intents of this chart's policies, in construct order. */
  get intents(): PolicyIntent[] {
    return this.policies.map((policy) => policy.intent);
  }

  /**
   * The chart's manifests: the dialect's rendering of its policies, after any ApiObjects added to
   * the chart directly. Policies are plain data rendered at synth time rather than ApiObjects, so a
   * chart of 50,000 policies costs what writing their YAML costs (bench/, P2).
   */
  toJson(): any[] {
    const { manifests, problems } = this.render();
    if (!manifests) throw new Error(`Validation failed with the following errors:\n  ${problems.join('\n  ')}`);
    const others = this.node.findAll().some((child) => child instanceof ApiObject) ? super.toJson() : [];
    const labels = this.labels;
    const labelled = Object.keys(labels).length === 0 ? manifests : manifests.map((manifest) => ({ ...manifest, metadata: { ...manifest.metadata, labels: { ...labels, ...manifest.metadata.labels } } }));
    const app = this.node.root;
    // Only when cdk8s records construct metadata (cdk8s synth with validations): the plugin reads these paths.
    if (app instanceof App && process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true') writeConstructPaths(app.outdir, this.node.path, constructPaths(this.intents, manifests));
    return [...others, ...labelled];
  }

  // cdk8s validates every construct before it synthesizes any: rendering here means a policy the
  // dialect cannot express fails the whole synth, naming its construct path.
  private validatePolicies(): string[] {
    const app = this.node.root;
    if (app instanceof App && app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
      return ['PolicyChart writes plain manifests, which the FOLDER_PER_CHART_FILE_PER_RESOURCE output type leaves out: use FILE_PER_CHART, FILE_PER_APP or FILE_PER_RESOURCE'];
    }
    return this.render().problems;
  }

  private rendering?: { changes: number; policies: readonly IConstruct[]; deferredTo: readonly IConstruct[]; problems: string[]; manifests?: Manifest[] };

  // Rendered again after a policy change, or when a construct it relied on was removed
  // (node.tryRemoveChild, which constructs does not announce): one of its own policies, which must
  // not be written, or a policy of an earlier chart whose name or object it deferred to.
  private render(retried = false): { problems: string[]; manifests?: Manifest[] } {
    const stillHere = (rendering: { policies: readonly IConstruct[]; deferredTo: readonly IConstruct[] }) =>
      rendering.policies.every((policy) => attachedUnder(policy, this)) && rendering.deferredTo.every((policy) => attachedUnder(policy, this.node.root));
    if (this.rendering?.changes === policyChanges) {
      if (stillHere(this.rendering)) return this.rendering;
      policyChanged(); // what the app's charts were found to hold is out of date
    }
    const app = appChartsOf(this);
    const intents = app.intentsOf(this);
    const deferredTo = new Set<IConstruct>();
    const problems = [...emptyPolicies(intents), ...this.duplicateNames(intents, app.firstUsesOf(this.dialect), (chart, index) => deferredTo.add(app.policiesOf(chart)[index]))];
    let manifests: Manifest[] | undefined;
    try {
      const rendered = dialectOf(this.dialect).render(intents, { experimental: this.experimental });
      const earlierChart = (chart: PolicyChart) => app.policiesOf(chart).forEach((policy) => deferredTo.add(policy));
      // A chart removed since the app's charts were found writes nothing.
      const manifestsOf = (chart: PolicyChart) => (attachedUnder(chart, this.node.root) ? chart.render().manifests : undefined);
      manifests = this.withoutSharedObjects(rendered, app.writtenBefore(this, manifestsOf), problems, earlierChart);
    } catch (error) {
      if (!(error instanceof NetpolError)) throw error;
      problems.push(...error.problems);
    }
    const rendering = { changes: policyChanges, policies: app.policiesOf(this), deferredTo: [...deferredTo], problems: problems.map(formatProblem), ...(problems.length === 0 && { manifests }) };
    if (!retried && !stillHere(rendering)) {
      policyChanged();
      return this.render(true);
    }
    this.rendering = rendering;
    return rendering;
  }

  // An object two charts of one app both need (a dialect's shared object, such as a Calico Tier) is
  // written once, by the first; the same identity with other content is a conflict.
  private withoutSharedObjects(manifests: Manifest[], earlier: ReadonlyMap<string, WrittenObject<PolicyChart>>, problems: Problem[], deferredTo: (chart: PolicyChart) => void): Manifest[] {
    if (earlier.size === 0) return manifests;
    return manifests.filter((manifest) => {
      const first = earlier.get(identity(manifest));
      if (!first) return true;
      deferredTo(first.chart);
      first.text ??= JSON.stringify(first.manifest);
      if (first.text !== JSON.stringify(manifest)) {
        problems.push({ where: this.node.path, field: '', message: `${identity(manifest)} is also written by chart ${first.chart.node.path}, differently: define it the same way in both, or in one chart` });
      }
      return false;
    });
  }

  // Two policies of one dialect with one name in one namespace (or both cluster-wide) would overwrite each other.
  private duplicateNames(intents: readonly PolicyIntent[], firstUses: ReadonlyMap<string, FirstUse<PolicyChart>>, deferredTo: (chart: PolicyChart, index: number) => void): Problem[] {
    const problems: Problem[] = [];
    intents.forEach((intent, index) => {
      const first = firstUses.get(policyKey(intent));
      if (first === undefined || (first.chart === this && first.index === index)) return;
      deferredTo(first.chart, first.index);
      const place = intent.scope === 'cluster' ? 'cluster-wide' : `in namespace ${intent.scope.namespace}`;
      problems.push({ where: intent.path ?? intent.name, field: 'name', message: `another policy ${place} is already named "${intent.name}" (${first.where}): give one of them another name` });
    });
    return problems;
  }
}

function emptyPolicies(intents: readonly PolicyIntent[]): Problem[] {
  return intents
    .filter((intent) => intent.rules.length === 0 && intent.isolate.length === 0)
    .map((intent) => ({ where: intent.path ?? intent.name, field: '', message: 'the policy neither isolates nor allows anything: add a rule or isolate a direction' }));
}

/** Whether a construct is still in the tree under an ancestor: each scope up to it still holds it. */
function attachedUnder(construct: IConstruct, ancestor: IConstruct): boolean {
  for (let node: IConstruct = construct; node !== ancestor; ) {
    const scope = node.node.scope;
    if (scope === undefined || scope.node.tryFindChild(node.node.id) !== node) return false;
    node = scope;
  }
  return true;
}

// One AppCharts per app, made again after any policy changes (a new PolicyChart counts as one).
const appCharts = new WeakMap<IConstruct, AppCharts<PolicyChart>>();

function appChartsOf(chart: PolicyChart): AppCharts<PolicyChart> {
  const root = chart.node.root;
  let charts = appCharts.get(root);
  if (charts?.changes !== policyChanges) {
    charts = new AppCharts(policyChanges, root.node.findAll().filter((construct): construct is PolicyChart => construct instanceof PolicyChart));
    appCharts.set(root, charts);
  }
  return charts;
}
