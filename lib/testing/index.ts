// cdk8s-netpol/testing: vitest matchers that check what policies mean, and workload fixtures.
import type {} from 'vitest';
import { ReachQuery, ReachTable } from './matchers';

export { netpolMatchers, evaluateSubject, PartialReadError, NetpolSubject, NetpolSubjectProps, ReachQuery, ReachTable } from './matchers';
export { fixtureWorkloads, FixturePod, FixtureSpec, SMALL_CLUSTER } from './fixture';

interface NetpolMatchers<R = unknown> {
  /** Every asked connection is fully allowed (both directions). */
  toAllow(query: ReachQuery): R;
  /** No asked connection is allowed, not even for some L7 requests. */
  toDeny(query: ReachQuery): R;
  /** Each `'from => to'` pair's connections print as given. */
  toHaveReachability(table: ReachTable): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends NetpolMatchers<T> {}
}
