import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { ADMIN_TIER, BASELINE_TIER } from '../constructs/cluster-tiers';
import { AllowDns } from '../constructs/patterns/allow-dns';
import { AllowFromNamespace } from '../constructs/patterns/allow-from-namespace';
import { AllowMonitoring } from '../constructs/patterns/allow-monitoring';
import { AllowSameNamespace } from '../constructs/patterns/allow-same-namespace';
import { DefaultDeny } from '../constructs/patterns/default-deny';
import { Policy } from '../constructs/policy';
import { PolicyChart } from '../constructs/policy-chart';
import { PolicyIntent } from '../model/intent';
import { Peer } from '../model/peer';
import { Port } from '../model/port';

// The library exports generated code may use, by the names it uses them by.
const LIBRARY: Record<string, unknown> = { Policy, Peer, Port, DefaultDeny, AllowDns, AllowSameNamespace, AllowFromNamespace, AllowMonitoring, ADMIN_TIER, BASELINE_TIER };

/**
 * Builds generated source text with the library and returns the policy it makes, so the import
 * checks the very text it writes. The text is ours (made from model values with every string
 * quoted by `quote`), never the user's.
 */
export class SourceBuilder {
  private readonly app = new App();
  private readonly charts = new Map<string, PolicyChart>();
  private scopes = 0;

  /** The policy an expression `new X(<chartVariable>, ...)...` makes in a chart with this default namespace. */
  intentOf(expression: string, chartVariable: string, namespace: string | undefined): PolicyIntent {
    const key = namespace ?? '';
    let chart = this.charts.get(key);
    if (!chart) {
      chart = new PolicyChart(this.app, `chart${this.charts.size}`, namespace !== undefined ? { namespace } : {});
      this.charts.set(key, chart);
    }
    const scope = new Construct(chart, `scope${this.scopes++}`);
    const names = Object.keys(LIBRARY);
    const built = new Function(chartVariable, ...names, `return ${expression};`)(scope, ...names.map((name) => LIBRARY[name])) as Policy | { policy: Policy };
    return (built instanceof Policy ? built : built.policy).intent;
  }
}

/** An intent without its source path, as canonical text: equal texts, equal policies. */
export function intentText(intent: PolicyIntent): string {
  const { path: _path, ...rest } = intent;
  return JSON.stringify(rest, (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}
