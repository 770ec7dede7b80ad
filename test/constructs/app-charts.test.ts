import { Testing } from 'cdk8s';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Peer, Policy, PolicyChart } from '../../lib';

// Apps of a few charts whose policies share names and a Calico tier, some the same way, some not:
// what each chart writes depends on the charts before it.
interface PolicySpec {
  name: string;
  namespace: string;
  tierOrder?: number;
}
interface ChartSpec {
  dialect: 'calico' | 'kubernetes';
  policies: PolicySpec[];
}

const policySpec: fc.Arbitrary<PolicySpec> = fc.record(
  { name: fc.constantFrom('a', 'b'), namespace: fc.constantFrom('x', 'y'), tierOrder: fc.constantFrom(100, 200) },
  { requiredKeys: ['name', 'namespace'] },
);
const chartSpec: fc.Arbitrary<ChartSpec> = fc.record({ dialect: fc.constantFrom('calico' as const, 'kubernetes' as const), policies: fc.array(policySpec, { maxLength: 3 }) });
const appSpec = fc.array(chartSpec, { minLength: 1, maxLength: 5 });

/** Which charts and policies to make (by position): all of them unless told. */
interface Kept {
  chart(at: number): boolean;
  policy(at: number, index: number): boolean;
}
const ALL: Kept = { chart: () => true, policy: () => true };

function build(spec: ChartSpec[], kept: Kept = ALL): PolicyChart[] {
  const app = Testing.app();
  return spec.flatMap(({ dialect, policies }, at) => {
    if (!kept.chart(at)) return [];
    const chart = new PolicyChart(app, `chart${at}`, { dialect });
    policies.forEach(({ name, namespace, tierOrder }, index) => {
      if (!kept.policy(at, index)) return;
      const tier = dialect === 'calico' && tierOrder !== undefined ? { tier: { name: 'security', order: tierOrder }, order: 1 } : {};
      new Policy(chart, `policy${index}`, { name, namespace, ...tier }).allowFrom(Peer.any());
    });
    return [chart];
  });
}

/** What a chart writes: its objects' kinds and names, or its error. */
function outcome(chart: PolicyChart): string[] {
  try {
    return chart.toJson().map((manifest: any) => `${manifest.kind} ${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`);
  } catch (error) {
    return [`error: ${(error as Error).message}`];
  }
}

/**
 * The model: charts of one dialect in construct order; a policy whose namespace and name an
 * earlier one has (in this chart or an earlier one) fails its chart; a chart that writes the tier
 * another way than the first chart to write it, or two ways itself, fails; a failed chart writes
 * nothing, so its tier does not count.
 */
function expectedFailures(spec: ChartSpec[]): boolean[] {
  const names = new Map<string, Set<string>>();
  const tiers = new Map<string, number>();
  return spec.map(({ dialect, policies }) => {
    const seen = names.get(dialect) ?? new Set<string>();
    names.set(dialect, seen);
    let failed = false;
    for (const { name, namespace } of policies) {
      if (seen.has(`${namespace}/${name}`)) failed = true;
      seen.add(`${namespace}/${name}`);
    }
    const orders = new Set(dialect === 'calico' ? policies.flatMap(({ tierOrder }) => (tierOrder === undefined ? [] : [tierOrder])) : []);
    if (orders.size > 1) failed = true;
    const [order] = [...orders];
    if (order !== undefined && tiers.has(dialect) && tiers.get(dialect) !== order) failed = true;
    if (!failed && order !== undefined && !tiers.has(dialect)) tiers.set(dialect, order);
    return failed;
  });
}

describe('the charts of one app', () => {
  it('fail where the model says: duplicate names and a tier written two ways, across and within charts', () => {
    fc.assert(
      fc.property(appSpec, (spec) => {
        expect(build(spec).map((chart) => outcome(chart)[0]?.startsWith('error: ') ?? false)).toEqual(expectedFailures(spec));
      }),
      { numRuns: 300 },
    );
  });

  it('write the same whatever order their charts are rendered in', () => {
    const specAndOrder = appSpec.chain((spec) => fc.tuple(fc.constant(spec), fc.shuffledSubarray([...spec.keys()], { minLength: spec.length })));
    fc.assert(
      fc.property(specAndOrder, ([spec, order]) => {
        const inOrder = build(spec).map(outcome);
        const charts = build(spec);
        const shuffled: string[][] = [];
        for (const at of order) shuffled[at] = outcome(charts[at]);
        expect(shuffled).toEqual(inOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('write, after some of their charts and policies are removed (node.tryRemoveChild), what an app made without them writes', () => {
    // Few removals, so that most runs keep the renderings that do not see one; some charts rendered before them, some not.
    const flags = (length: number) => fc.array(fc.constantFrom(false, false, false, true), { minLength: length, maxLength: length });
    const removal = appSpec.chain((spec) => fc.tuple(fc.constant(spec), flags(spec.length), fc.array(flags(3), { minLength: spec.length, maxLength: spec.length }), flags(spec.length)));
    fc.assert(
      fc.property(removal, ([spec, chartRemoved, policyRemoved, notRenderedBefore]) => {
        const kept: Kept = { chart: (at) => !chartRemoved[at], policy: (at, index) => !policyRemoved[at][index] };
        const charts = build(spec);
        charts.forEach((chart, at) => !notRenderedBefore[at] && outcome(chart));
        const app = charts[0].node.scope!;
        spec.forEach(({ policies }, at) => {
          if (!kept.chart(at)) app.node.tryRemoveChild(`chart${at}`);
          else policies.forEach((_, index) => !kept.policy(at, index) && charts[at].node.tryRemoveChild(`policy${index}`));
        });
        expect(charts.filter((_, at) => kept.chart(at)).map(outcome)).toEqual(build(spec, kept).map(outcome));
      }),
      { numRuns: 500 },
    );
  });
});
