import { NetpolError } from '../model/errors';
import { PolicyIntent } from '../model/intent';
import { Port } from '../model/port';
import { Direction } from '../model/rule';
import { ConnectionSet } from './connection-set';
import { decide, DecisionStep, OrderedPolicy, RuleRef, Verdict } from './decide';
import { Endpoint, Target, WorkloadEndpoint } from './endpoints';
import { connectionText, verdictText } from './format';
import { Reachability } from './reach';
import { portConnections } from './rule-connections';

/** A rule of an applying policy that decided nothing here, and why. */
export interface UnmatchedRule {
  /** The policy. */
  readonly policy: OrderedPolicy;
  /** The rule. */
  readonly rule: RuleRef;
  /** Why it decided nothing. */
  readonly reason: string;
}

/** How one direction at one pod decided a connection. */
export interface DirectionExplanation {
  /** ingress (at the destination) or egress (at the source). */
  readonly direction: Direction;
  /** The pod whose policies decide. */
  readonly at: WorkloadEndpoint;
  /** What this direction lets through. */
  readonly verdict: Verdict;
  /** What decided each part, in evaluation order. */
  readonly steps: readonly DecisionStep[];
  /** The applying policies' rules of this direction that decided nothing, and why. */
  readonly unmatched: readonly UnmatchedRule[];
  /** Policies of the pod's namespace (and cluster-wide ones) whose subject does not select it. */
  readonly notSelecting: readonly PolicyIntent[];
}

/** Why a connection is allowed or denied, direction by direction. */
export interface Explanation {
  readonly source: Endpoint;
  readonly destination: Endpoint;
  /** The connections asked about (every connection, or one port). */
  readonly asked: ConnectionSet;
  /** What is allowed of them, both directions together. */
  readonly verdict: Verdict;
  /** Egress at the source, when it is a pod. */
  readonly egress?: DirectionExplanation;
  /** Ingress at the destination, when it is a pod. */
  readonly ingress?: DirectionExplanation;
}

/** Explains a connection from `source` to `destination`, for one port or for every connection. */
export function explain(reachability: Reachability, source: Endpoint, destination: Endpoint, port?: Port): Explanation {
  const asked = port ? portConnections(port, destination.kind === 'workload' ? destination.workload.ports : undefined) : ConnectionSet.ALL;
  if (asked.isEmpty()) {
    throw new NetpolError([{ where: destination.name, field: 'port', message: `${port?.protocol}/${port?.port} is not a named port of ${destination.name}` }]);
  }
  const egress = source.kind === 'workload' ? explainDirection(reachability, 'egress', source, destination, asked) : undefined;
  const ingress = destination.kind === 'workload' ? explainDirection(reachability, 'ingress', destination, source, asked) : undefined;
  const verdict = reachability.connection(source, destination);
  return {
    source,
    destination,
    asked,
    verdict: { allowed: verdict.allowed.intersect(asked), restricted: verdict.restricted.intersect(asked) },
    ...(egress && { egress }),
    ...(ingress && { ingress }),
  };
}

function explainDirection(reachability: Reachability, direction: Direction, at: WorkloadEndpoint, peer: Endpoint, asked: ConnectionSet): DirectionExplanation {
  const { analysis } = reachability;
  const subject = at.podClass;
  const target: Target = peer.kind === 'workload' ? { kind: 'class', podClass: peer.podClass } : peer;
  const tiers = analysis.ordered(analysis.applying(subject, direction), direction);
  const steps: DecisionStep[] = [];
  const verdict = decide(tiers, (policy, ref) => analysis.ruleMatch(direction, subject, policy, ref, target), steps, asked);
  const acted = new Set(steps.flatMap((step) => (step.rule ? [step.rule] : [])));
  const unmatched = tiers.flatMap((tier) =>
    tier.policies.flatMap((policy) =>
      policy.rules.filter((ref) => !acted.has(ref)).map((ref): UnmatchedRule => {
        const destination = direction === 'ingress' ? subject : target.kind === 'class' ? target.podClass : undefined;
        let reason = 'an earlier rule decided its connections';
        if (!analysis.rulePeerMatches(policy, ref, target)) reason = `its peers do not match ${peer.name}`;
        else if (analysis.rulePorts(ref, destination).intersect(asked).isEmpty()) reason = 'its ports do not match';
        return { policy, rule: ref, reason };
      }),
    ),
  );
  const namespace = at.workload.namespace;
  const notSelecting = analysis.intents.filter(
    (intent, position) => (intent.scope === 'cluster' || intent.scope.namespace === namespace) && !analysis.selects(position, subject),
  );
  return { direction, at, verdict, steps, unmatched, notSelecting };
}

/** A rule named as `<policy> <direction>[k]`: k counts the policy's rules of that direction, as in `spec.ingress[k]`. */
export function ruleName(policy: OrderedPolicy, ref: RuleRef): string {
  const index = policy.intent.rules.slice(0, ref.index).filter((rule) => rule.direction === ref.rule.direction).length;
  const description = ref.rule.description ? ` ("${ref.rule.description}")` : '';
  return `${policyName(policy.intent)} ${ref.rule.direction}[${index}]${description}`;
}

/** A policy named by its source (`Kind namespace/name`) or construct path. */
export function policyName(intent: PolicyIntent): string {
  return intent.path ?? intent.name;
}

const OUTCOMES: Record<DecisionStep['outcome'], string> = {
  'allow': 'allowed by',
  'allow-l7': 'allowed only for the L7 requests matched by',
  'deny': 'denied by',
  'pass': 'passed to the next tier by',
  'log': 'logged by',
  'tier-deny': 'denied',
  'tier-pass': 'passed to the next tier',
  'not-isolated': 'allowed',
};

function stepText(step: DecisionStep, explanation: DirectionExplanation, rest: boolean): string {
  const connections = rest ? 'the rest' : connectionText(step.connections);
  if (step.policy && step.rule) return `${connections}: ${OUTCOMES[step.outcome]} ${ruleName(step.policy, step.rule)}`;
  if (step.outcome === 'not-isolated') {
    return `${connections}: allowed: no policy ${explanation.steps.length > 1 ? 'decided it or isolates this direction' : `isolates ${explanation.direction} at this pod`}`;
  }
  const isolating = (step.isolatedBy ?? []).map((policy) => policyName(policy.intent)).join(', ');
  const tier = step.tier === 'default' ? '' : ` (tier ${step.tier}, whose default action is ${step.outcome === 'tier-deny' ? 'deny' : 'pass'})`;
  return `${connections}: ${OUTCOMES[step.outcome]}: no rule ${step.outcome === 'tier-deny' ? 'allows' : 'decides'} it, and ${isolating} isolate${(step.isolatedBy ?? []).length === 1 ? 's' : ''} ${explanation.direction}${tier}`;
}

/** An explanation as text: the verdict, then each direction's decisions and the policies that did not decide. */
export function explanationText(explanation: Explanation): string {
  const { source, destination, asked, verdict } = explanation;
  const askedText = asked.isAll() ? 'every connection' : connectionText(asked);
  const lines = [`${source.name} => ${destination.name} (${askedText}): ${summary(verdict, asked)}`];
  for (const part of [explanation.egress, explanation.ingress]) {
    if (!part) continue;
    lines.push('', `${part.direction === 'egress' ? 'Egress at the source' : 'Ingress at the destination'}, ${part.at.name}: ${summary(part.verdict, asked)}`);
    // A step that decides all that earlier steps left is "the rest", not a long list of ranges.
    let decided = ConnectionSet.EMPTY;
    part.steps.forEach((step) => {
      const rest = !decided.isEmpty() && step.connections.equals(asked.subtract(decided));
      lines.push(`  ${stepText(step, part, rest)}`);
      if (step.outcome !== 'log' && step.outcome !== 'allow-l7') decided = decided.union(step.connections);
    });
    part.unmatched.forEach(({ policy, rule, reason }) => lines.push(`  not deciding: ${ruleName(policy, rule)}: ${reason}`));
    if (part.notSelecting.length > 0) lines.push(`  not selecting ${part.at.name}: ${part.notSelecting.map(policyName).join(', ')}`);
    if (part.at.workload.hostNetwork) {
      lines.push(`  note: ${part.at.name} uses the host network; most CNIs do not enforce network policy on such pods, and peers see the node's address`);
    }
  }
  if (!explanation.egress && !explanation.ingress) lines.push('', 'Neither end is a pod: no policy applies.');
  return lines.join('\n');
}

function summary(verdict: Verdict, asked: ConnectionSet): string {
  const allowed = verdict.allowed.intersect(asked);
  const restricted = verdict.restricted.intersect(asked);
  if (allowed.equals(asked)) return 'allowed';
  if (allowed.isEmpty() && restricted.isEmpty()) return 'denied';
  return `${verdictText({ allowed, restricted })} allowed, the rest denied`;
}
