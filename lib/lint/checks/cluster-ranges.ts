import { addressesOf } from '../../analysis/endpoints';
import { IntentCheck, eachRule, ruleName } from './check';

/** An ipBlock that contains pod or node addresses. */
export const CIDR_CONTAINS_CLUSTER: IntentCheck = {
  id: 'cidr-contains-cluster-ranges',
  severity: 'warning',
  summary: 'an ipBlock that contains pod or node ranges',
  why: 'what a CIDR does to pods and nodes inside it is up to the engine (Calico matches pods by IP, Cilium never does; node traffic is host traffic), so the rule means different things on different clusters',
  fix: "add the cluster's pod and node ranges as excepts, and reach pods with selectors",
  run: ({ facts, ...context }) => {
    const ranges = [...facts.podRanges.map((range) => ({ range, what: 'pod range' })), ...facts.nodeRanges.map((range) => ({ range, what: 'node address' }))];
    if (ranges.length === 0) return [];
    return eachRule({ facts, ...context }).flatMap(({ policy, rule }) =>
      rule.peers.flatMap((peer) => {
        if (peer.kind !== 'cidr') return [];
        const addresses = addressesOf(peer.cidr, peer.except);
        const inside = ranges.filter(({ range }) => addresses.overlaps(addressesOf(range)));
        return inside.length === 0 ? [] : [{ policy, message: `${ruleName(policy, rule)}: ${peer.cidr} contains ${inside.map(({ range, what }) => `${what} ${range}`).join(', ')}` }];
      }),
    );
  },
};
