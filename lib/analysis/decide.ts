import { NetpolError } from '../model/errors';
import { DEFAULT_TIER_ORDER, PolicyIntent } from '../model/intent';
import { Direction, Rule } from '../model/rule';
import { ConnectionSet } from './connection-set';
import { compareText } from './text-order';

/**
 * What one direction at one pod lets through for one peer: `allowed` fully, `restricted` only
 * for the L7 requests (HTTP, DNS names) some allow rule matches; everything else is denied.
 */
export interface Verdict {
  /** Connections allowed whatever their content. */
  readonly allowed: ConnectionSet;
  /** Connections allowed only for the requests an L7 rule matches (disjoint from `allowed`). */
  readonly restricted: ConnectionSet;
}

/** A rule of a policy, with its position in the policy's rules. */
export interface RuleRef {
  /** The rule. */
  readonly rule: Rule;
  /** Its index in the policy's `rules`. */
  readonly index: number;
}

/** A policy that applies to a pod in one direction, with its rules of that direction. */
export interface OrderedPolicy {
  /** The policy. */
  readonly intent: PolicyIntent;
  /** Its index in the list of all intents. */
  readonly position: number;
  /** Whether it isolates the direction (so the tier's default action decides what no rule did). */
  readonly isolates: boolean;
  /** Its rules of the direction, in order. */
  readonly rules: readonly RuleRef[];
}

/** A tier's policies that apply to a pod in one direction, in evaluation order. */
export interface OrderedTier {
  /** The tier's name (`default` for the default tier). */
  readonly name: string;
  /** What no rule decided gets when a policy of the tier isolates the direction. */
  readonly defaultAction: 'deny' | 'pass';
  /** The policies, by order (absent last), then name. */
  readonly policies: readonly OrderedPolicy[];
}

/** One step of a decision, for explanations. */
export interface DecisionStep {
  /** The tier. */
  readonly tier: string;
  /** The policy and rule that acted, absent for a tier's default or the final allow. */
  readonly policy?: OrderedPolicy;
  /** The rule that acted. */
  readonly rule?: RuleRef;
  /** What happened: a rule's action, `allow-l7` for an L7-restricted allow, or a default. */
  readonly outcome: 'allow' | 'allow-l7' | 'deny' | 'pass' | 'log' | 'tier-deny' | 'tier-pass' | 'not-isolated';
  /** The connections it decided (or logged). */
  readonly connections: ConnectionSet;
  /** For a tier's default: the tier's policies that isolate the direction. */
  readonly isolatedBy?: readonly OrderedPolicy[];
}

/** Tiers by name, checked to be defined alike by every intent that names them. */
export interface TierDefinition {
  readonly name: string;
  readonly order: number;
  readonly defaultAction: 'deny' | 'pass';
}

const DEFAULT_TIER: TierDefinition = { name: 'default', order: DEFAULT_TIER_ORDER, defaultAction: 'deny' };

/** The tiers the intents use; two intents that define one tier differently are an error. */
export function tiersOf(intents: readonly PolicyIntent[]): Map<string, TierDefinition> {
  const tiers = new Map<string, TierDefinition>([['default', DEFAULT_TIER]]);
  const definedBy = new Map<string, string>();
  for (const intent of intents) {
    if (!intent.tier) continue;
    const tier = { name: intent.tier.name, order: intent.tier.order, defaultAction: intent.tier.defaultAction ?? 'deny' };
    const known = tiers.get(tier.name);
    if (known && (known.order !== tier.order || known.defaultAction !== tier.defaultAction)) {
      const where = intent.path ?? intent.name;
      throw new NetpolError([{ where, field: 'tier', message: `tier ${tier.name} is defined differently by ${definedBy.get(tier.name) ?? 'the default tier'}` }]);
    }
    tiers.set(tier.name, tier);
    definedBy.set(tier.name, intent.path ?? intent.name);
  }
  return tiers;
}

/** Whether an intent applies in a direction: it isolates the direction or has rules in it. */
export function appliesIn(intent: PolicyIntent, direction: Direction): boolean {
  return intent.isolate.includes(direction) || intent.rules.some((rule) => rule.direction === direction);
}

/** The applying intents (by position) in evaluation order: tier order, then policy order (absent last), name, namespace. */
export function orderPolicies(intents: readonly PolicyIntent[], positions: readonly number[], direction: Direction, tiers: ReadonlyMap<string, TierDefinition>): OrderedTier[] {
  const tierOf = (intent: PolicyIntent) => tiers.get(intent.tier?.name ?? 'default') as TierDefinition;
  const namespaceOf = (intent: PolicyIntent) => (intent.scope === 'cluster' ? '' : intent.scope.namespace);
  const sorted = [...positions].sort((a, b) => {
    const x = intents[a];
    const y = intents[b];
    const [tierX, tierY] = [tierOf(x), tierOf(y)];
    if (tierX.order !== tierY.order) return tierX.order - tierY.order;
    if (tierX.name !== tierY.name) return compareText(tierX.name, tierY.name);
    const [orderX, orderY] = [x.order ?? Infinity, y.order ?? Infinity];
    if (orderX !== orderY) return orderX < orderY ? -1 : 1;
    return compareText(x.name, y.name) || compareText(namespaceOf(x), namespaceOf(y)) || a - b;
  });
  const result: { name: string; defaultAction: 'deny' | 'pass'; policies: OrderedPolicy[] }[] = [];
  for (const position of sorted) {
    const intent = intents[position];
    const tier = tierOf(intent);
    if (result[result.length - 1]?.name !== tier.name) result.push({ name: tier.name, defaultAction: tier.defaultAction, policies: [] });
    result[result.length - 1].policies.push({
      intent,
      position,
      isolates: intent.isolate.includes(direction),
      rules: intent.rules.flatMap((rule, index) => (rule.direction === direction ? [{ rule, index }] : [])),
    });
  }
  return result;
}

/** Whether an allow rule lets through only some requests: HTTP matches, or DNS matches narrower than every name. */
export function isL7Restricted(rule: Rule): boolean {
  return rule.http !== undefined || (rule.dns !== undefined && !rule.dns.some((match) => match.pattern === '*'));
}

/**
 * Decides one direction at one pod for one peer, following policyIntentSchema's semantics:
 * tiers in order; in a tier, policies and rules in order, the first allow, deny or pass that
 * matches a connection decides it (pass: on to the next tier); a log rule goes on. An L7-restricted
 * allow decides only the requests it matches, so the rest of the connection goes on too. At the end
 * of a tier where a policy isolates the direction, its default action decides the rest; after the
 * last tier, what is left is allowed. `matched` gives the connections a rule matches for the peer;
 * `within` limits the decision to some connections (explain's `--port`).
 */
export function decide(
  tiers: readonly OrderedTier[],
  matched: (policy: OrderedPolicy, rule: RuleRef) => ConnectionSet,
  trace?: DecisionStep[],
  within: ConnectionSet = ConnectionSet.ALL,
): Verdict {
  let undecided = within;
  let allowed = ConnectionSet.EMPTY;
  let restricted = ConnectionSet.EMPTY;
  const step = (outcome: DecisionStep['outcome'], tier: string, connections: ConnectionSet, details: Partial<DecisionStep> = {}) => {
    if (trace && !connections.isEmpty()) trace.push({ tier, outcome, connections, ...details });
  };
  for (const tier of tiers) {
    let open = undecided;
    let passed = ConnectionSet.EMPTY;
    for (const policy of tier.policies) {
      for (const ref of policy.rules) {
        if (open.isEmpty()) break;
        const connections = matched(policy, ref).intersect(open);
        if (connections.isEmpty()) continue;
        const action = ref.rule.action;
        if (action === 'log') {
          step('log', tier.name, connections, { policy, rule: ref });
        } else if (action === 'allow' && isL7Restricted(ref.rule)) {
          restricted = restricted.union(connections);
          step('allow-l7', tier.name, connections, { policy, rule: ref });
        } else {
          open = open.subtract(connections);
          if (action === 'allow') allowed = allowed.union(connections);
          if (action === 'pass') passed = passed.union(connections);
          step(action, tier.name, connections, { policy, rule: ref });
        }
      }
    }
    const isolatedBy = tier.policies.filter((policy) => policy.isolates);
    if (isolatedBy.length > 0 && tier.defaultAction === 'deny') {
      step('tier-deny', tier.name, open, { isolatedBy });
      undecided = passed;
    } else {
      if (isolatedBy.length > 0) step('tier-pass', tier.name, open, { isolatedBy });
      undecided = open.union(passed);
    }
  }
  step('not-isolated', '', undecided);
  allowed = allowed.union(undecided);
  return { allowed, restricted: restricted.subtract(allowed) };
}
