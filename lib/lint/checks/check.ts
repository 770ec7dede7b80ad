import { CheckInfo } from '../../dialects/lint-check';
import { Rule } from '../../model/rule';
import { Port } from '../../model/port';
import { LintContext, LintPolicy } from '../context';

/** What a check found in one policy. */
export interface RawFinding {
  /** The policy. */
  readonly policy: LintPolicy;
  /** What was found, naming the rule, peer or port. */
  readonly message: string;
}

/** A lint check on the intents (any dialect's YAML read back, or a chart's intents). */
export interface IntentCheck extends CheckInfo {
  /** The findings in the inputs. */
  readonly run: (context: LintContext) => RawFinding[];
}

/** A rule as messages name it: its direction and 1-based position among the policy's rules of that direction, e.g. `egress rule 2`, with the action when it is not allow: `egress rule 1 (deny)`. */
export function ruleName(policy: LintPolicy, rule: Rule): string {
  const index = policy.intent.rules.filter((other) => other.direction === rule.direction).indexOf(rule);
  return `${rule.direction} rule ${index + 1}${rule.action === 'allow' ? '' : ` (${rule.action})`}`;
}

/** Whether a rule's ports include one port of a protocol (no ports: every port) that its numbered exceptPorts do not take out. */
export function rulePortsInclude(rule: Rule, protocol: 'TCP' | 'UDP' | 'SCTP', port: number): boolean {
  const includes = (given: Port) => given.protocol === protocol && (given.port === undefined || given.port === port || (typeof given.port === 'number' && given.endPort !== undefined && given.port <= port && port <= given.endPort));
  return (rule.ports.length === 0 || rule.ports.some(includes)) && !(rule.exceptPorts ?? []).some(includes);
}

/** Every rule of every policy, with its policy. */
export function eachRule(context: LintContext): { policy: LintPolicy; rule: Rule }[] {
  return context.policies.flatMap((policy) => policy.intent.rules.map((rule) => ({ policy, rule })));
}
