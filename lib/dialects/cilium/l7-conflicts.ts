import { Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { whereOf } from '../capabilities';
import { l7Of } from './l7';
import { placedRules, rulesMayOverlap } from './overlap';

/**
 * Allows that Cilium would merge differently from the intent (DIALECTS.md §8.11): on one subject,
 * peer and port, an allow without L7 restrictions voids another allow's HTTP or DNS restriction,
 * and HTTP and DNS matches cannot share a port. Both rules are named; the restricting one reports.
 */
export function l7ConflictProblems(intents: readonly PolicyIntent[]): Problem[] {
  const allows = placedRules(intents).filter(({ rule }) => rule.action === 'allow');
  const problems: Problem[] = [];
  allows.forEach((a, position) => {
    for (const b of allows.slice(position + 1)) {
      const [l7a, l7b] = [l7Of(a.rule), l7Of(b.rule)];
      const clash = (l7a.parser === 'http' && l7b.parser === 'dns') || (l7a.parser === 'dns' && l7b.parser === 'http');
      if (!clash && l7a.restricts === l7b.restricts) continue;
      if (!rulesMayOverlap(a, b)) continue;
      const [restricting, other] = l7a.restricts ? [a, b] : [b, a];
      const kind = restricting.rule.http ? 'http' : 'dns';
      const message = clash
        ? `HTTP and DNS matches on connections another allow also matches (${whereOf(other.intent)}: rules[${other.index}]): Cilium takes one L7 protocol per port; separate their ports or peers`
        : `these ${kind.toUpperCase()} matches would be void: another allow (${whereOf(other.intent)}: rules[${other.index}]) lets the same subject, peer and port through without them, and in Cilium that disables the restriction; give both rules the same matches, or separate their ports or peers`;
      problems.push({ where: whereOf(restricting.intent), field: `rules[${restricting.index}].${kind}`, message });
    }
  });
  return problems;
}
