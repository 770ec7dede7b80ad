// One asked connection checked on a reachability: the rule the vitest matchers and the cdk8s
// plugin's mustAllow/mustDeny share.
import { Port } from '../model/port';
import { Endpoint } from './endpoints';
import { explain, Explanation } from './explain';
import { findEndpoints } from './find-endpoints';
import { Reachability } from './reach';

/** One connection to check. */
export interface ReachQuery {
  /** The source: `namespace/name`, an address or CIDR, or a name as reach prints it. */
  readonly from: string;
  /** The destination, likewise. */
  readonly to: string;
  /** One port such as `TCP/8080`, `TCP/http` or `8080` (TCP). @default every connection */
  readonly port?: string;
}

/** Each source/destination pair the query names, whether it is as expected, and why. */
export function checkReach(reachability: Reachability, query: ReachQuery, expectAllowed: boolean): { pass: boolean; explanation: Explanation }[] {
  const port = query.port === undefined ? undefined : Port.parse(query.port);
  return reachPairs(reachability, query).map(([source, destination]) => {
    const explanation = explain(reachability, source, destination, port);
    const { allowed, restricted } = explanation.verdict;
    // Allowed means fully allowed (an L7-restricted allow is not enough); denied means nothing at all.
    const pass = expectAllowed ? allowed.equals(explanation.asked) : allowed.isEmpty() && restricted.isEmpty();
    return { pass, explanation };
  });
}

/** Every source/destination pair the query's names find. */
export function reachPairs(reachability: Reachability, query: Pick<ReachQuery, 'from' | 'to'>): [Endpoint, Endpoint][] {
  const sources = findEndpoints(reachability, query.from, 'source');
  const destinations = findEndpoints(reachability, query.to, 'destination');
  return sources.flatMap((source) => destinations.map((destination): [Endpoint, Endpoint] => [source, destination]));
}
