import { DEFAULT_TIER_ORDER } from '../../model/intent';
import { Rule } from '../../model/rule';
import { LintContext, LintPolicy } from '../context';
import { namespacesCover, ruleCovers, selectorCovers } from '../cover';
import { policyText } from '../finding';
import { IntentCheck, RawFinding, ruleName } from './check';

const decides = (rule: Rule) => rule.action !== 'log';

interface Shadow {
  readonly policy: LintPolicy;
  readonly rule: Rule;
  /** The rule that matches all it does, and the policy it is in. */
  readonly by: { readonly policy: LintPolicy; readonly rule: Rule; readonly broaderLater: boolean };
}

// Rules of one policy that an earlier deciding rule covers; in a policy of allows only (where order
// does not matter), also allows a strictly broader later allow covers.
function shadowsWithin(policy: LintPolicy): Shadow[] {
  const shadows: Shadow[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = policy.intent.rules.filter((rule) => rule.direction === direction && decides(rule));
    const allowsOnly = rules.every((rule) => rule.action === 'allow');
    rules.forEach((rule, index) => {
      const earlier = rules.slice(0, index).find((other) => ruleCovers(other, rule));
      const later = allowsOnly ? rules.slice(index + 1).find((other) => ruleCovers(other, rule) && !ruleCovers(rule, other)) : undefined;
      const by = earlier ?? later;
      if (by) shadows.push({ policy, rule, by: { policy, rule: by, broaderLater: earlier === undefined } });
    });
  }
  return shadows;
}

const scopeKey = (policy: LintPolicy) => `${policy.intent.tier?.name ?? 'default'}|${policy.intent.scope === 'cluster' ? '' : policy.intent.scope.namespace}`;
const tierOrder = (policy: LintPolicy) => policy.intent.tier?.order ?? DEFAULT_TIER_ORDER;

// Whether `p` is evaluated before `q` in their tier (absent order last, then by name).
function comesBefore(p: LintPolicy, q: LintPolicy): boolean {
  const [x, y] = [p.intent.order ?? Infinity, q.intent.order ?? Infinity];
  return x !== y ? x < y : p.intent.name < q.intent.name;
}

const decidesFirst = (rule: Rule) => rule.action === 'allow' || rule.action === 'pass';

// Deny rules that an allow or pass of an earlier policy of the same tier and scope, applying to
// every pod the deny's policy does, covers: that policy decides first, so the deny never matches.
// Each deny is compared with the policies of its tier and scope that have an allow or a pass: a
// namespace of thousands of deny policies is not thousands of comparisons per deny.
function deniesShadowedAcross(context: LintContext): Shadow[] {
  const groups = new Map<string, LintPolicy[]>();
  for (const policy of context.policies) {
    if (!policy.intent.rules.some(decidesFirst)) continue;
    const group = groups.get(scopeKey(policy));
    if (group) group.push(policy);
    else groups.set(scopeKey(policy), [policy]);
  }
  const shadows: Shadow[] = [];
  for (const policy of context.policies) {
    for (const rule of policy.intent.rules.filter((each) => each.action === 'deny')) {
      for (const other of groups.get(scopeKey(policy)) ?? []) {
        if (other === policy || tierOrder(other) !== tierOrder(policy) || !comesBefore(other, policy)) continue;
        const subjectCovered = namespacesCover(other.intent.subject.namespaces ?? 'all', policy.intent.subject.namespaces) && selectorCovers(other.intent.subject.pods, policy.intent.subject.pods);
        const by = subjectCovered ? other.intent.rules.find((candidate) => decidesFirst(candidate) && ruleCovers(candidate, rule)) : undefined;
        if (by) {
          shadows.push({ policy, rule, by: { policy: other, rule: by, broaderLater: false } });
          break;
        }
      }
    }
  }
  return shadows;
}

function describe({ policy, rule, by }: Shadow): string {
  const byName = by.policy === policy ? ruleName(policy, by.rule) : `${policyText(by.policy.ref)}'s ${ruleName(by.policy, by.rule)}`;
  if (by.broaderLater) return `${ruleName(policy, rule)} is covered by the broader ${byName}`;
  const action = by.rule.action === 'allow' ? 'allows' : by.rule.action === 'deny' ? 'denies' : 'passes';
  return `${ruleName(policy, rule)} never matches: ${byName} comes first and ${action} all it matches`;
}

function isDeadDeny({ rule, by }: Shadow): boolean {
  return rule.action === 'deny' && by.rule.action !== 'deny';
}

// Both checks below read the same shadows: found once per lint.
const found = new WeakMap<LintContext, Shadow[]>();

function shadows(context: LintContext): Shadow[] {
  let all = found.get(context);
  if (all === undefined) found.set(context, (all = [...context.policies.flatMap(shadowsWithin), ...deniesShadowedAcross(context)]));
  return all;
}

const finding = (shadow: Shadow): RawFinding => ({ policy: shadow.policy, message: describe(shadow) });

/** A rule another rule of its policy makes pointless. */
export const REDUNDANT_RULE: IntentCheck = {
  id: 'redundant-rule',
  severity: 'warning',
  summary: 'a rule fully shadowed by an earlier or broader one',
  why: 'the rule changes nothing: a reader takes it for a decision it does not make, and an edit to it has no effect',
  fix: 'remove the rule, or narrow the rule that covers it if the narrower one was meant to decide',
  run: (context) => shadows(context).filter((shadow) => !isDeadDeny(shadow)).map(finding),
};

/** A deny that an earlier allow or pass takes every connection from. */
export const UNREACHABLE_DENY: IntentCheck = {
  id: 'unreachable-deny',
  severity: 'error',
  summary: 'a deny that can never match',
  why: 'an earlier allow (or pass) decides every connection the deny matches, so what the deny means to block goes through',
  fix: 'order the deny before the allow (a lower order, or earlier in the policy), or narrow the allow',
  run: (context) => shadows(context).filter(isDeadDeny).map(finding),
};
