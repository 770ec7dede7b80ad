import { Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { whereOf } from '../capabilities';
import { l7Of } from './l7';
import { placedRules, rulesMayOverlap, rulesNear } from './overlap';

/**
 * Allows that Cilium would merge differently from the intent (DIALECTS.md §8.11): on one subject,
 * peer and port, an allow without L7 restrictions voids another allow's HTTP or DNS restriction,
 * and HTTP and DNS matches cannot share a port. The restricting rule reports, naming the other
 * (for HTTP against narrowed DNS, the HTTP rule).
 */
export function l7ConflictProblems(intents: readonly PolicyIntent[]): Problem[] {
  const allows = placedRules(intents).filter(({ rule }) => rule.action === 'allow');
  const near = rulesNear(allows);
  return allows
    .filter(({ rule }) => l7Of(rule).restricts)
    .flatMap((restricting) => {
      const mine = l7Of(restricting.rule);
      return near(restricting).flatMap((other) => {
        const theirs = l7Of(other.rule);
        const clash = mine.parser !== theirs.parser && mine.parser !== 'none' && theirs.parser !== 'none';
        // Two restrictions of one protocol add up, as the intent's allows do; a clash reports once.
        if (other === restricting || (theirs.restricts && !(clash && mine.parser === 'http'))) return [];
        if (!rulesMayOverlap(restricting, other)) return [];
        const where = `${whereOf(other.intent)}: rules[${other.index}]`;
        const message = clash
          ? `HTTP and DNS matches on connections another allow also matches (${where}): Cilium takes one L7 protocol per port; separate their ports or peers`
          : `these ${mine.parser.toUpperCase()} matches would be void: another allow (${where}) lets the same subject, peer and port through without them, and in Cilium that disables the restriction; give both rules the same matches, or separate their ports or peers`;
        return [{ where: whereOf(restricting.intent), field: `rules[${restricting.index}].${mine.parser}`, message }];
      });
    });
}
