import { Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { dialectsWith, unsupported, whereOf } from '../capabilities';
import { PlacedRule, placedRules, rulesMayOverlap, rulesNear } from './overlap';

/**
 * Deny rules that an allow evaluated before them may overlap. The intent lets that allow decide
 * first; Cilium's deny beats every allow, so it would also deny what the allow lets through.
 * Intents run by order (none: after every ordered one), then name, then rule position.
 */
export function denyOrderProblems(intents: readonly PolicyIntent[]): Problem[] {
  const rules = placedRules(intents);
  const near = rulesNear(rules.filter(({ rule }) => rule.action === 'allow'));
  return rules
    .filter(({ rule }) => rule.action === 'deny')
    .flatMap((deny) => {
      const allow = near(deny).find((candidate) => !provablyLater(candidate, deny) && rulesMayOverlap(candidate, deny));
      if (!allow) return [];
      const what = `a deny rule that an allow evaluated before it may overlap (${whereOf(allow.intent)}: rules[${allow.index}]; Cilium's deny beats every allow: give the deny's policy a lower order than the allow's, or make them disjoint)`;
      return [unsupported(deny.intent, `rules[${deny.index}]`, what, 'cilium', dialectsWith('deny').filter((dialect) => dialect !== 'cilium'))];
    });
}

// Ties (two policies with one order and one name) count as "maybe earlier".
function provablyLater(allow: PlacedRule, deny: PlacedRule): boolean {
  if (allow.intent === deny.intent) return allow.index > deny.index;
  const [a, d] = [allow.intent.order ?? Infinity, deny.intent.order ?? Infinity];
  return a > d || (a === d && allow.intent.name > deny.intent.name);
}
