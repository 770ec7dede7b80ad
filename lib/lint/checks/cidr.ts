import { parseCidr } from '../../model/cidr';
import { IntentCheck, eachRule, ruleName } from './check';

/** An ipBlock whose except leaves nothing of its CIDR. */
export const EXCEPT_EQUALS_CIDR: IntentCheck = {
  id: 'except-equals-cidr',
  severity: 'error',
  summary: 'an ipBlock except equal to (or containing) its CIDR',
  why: 'the peer matches no address at all, so the rule does nothing (the Kubernetes API server rejects it; other engines may not)',
  fix: 'remove the except, or the peer, or make the except a smaller range inside the CIDR',
  run: (context) =>
    eachRule(context).flatMap(({ policy, rule }) =>
      rule.peers.flatMap((peer) => {
        if (peer.kind !== 'cidr') return [];
        const outer = parseCidr(peer.cidr);
        const covering = (peer.except ?? []).find((text) => {
          const inner = parseCidr(text);
          return typeof outer !== 'string' && typeof inner !== 'string' && inner.family === outer.family && inner.first <= outer.first && inner.last >= outer.last;
        });
        return covering === undefined ? [] : [{ policy, message: `${ruleName(policy, rule)}: the except ${covering} leaves nothing of ${peer.cidr}` }];
      }),
    ),
};
