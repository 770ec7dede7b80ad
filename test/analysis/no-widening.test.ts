// No silent widening, proven by property: for every registered dialect, what its YAML means
// (render -> YAML text -> parse -> read -> evaluate) equals what the intents mean.
import { describe, expect, it } from 'vitest';
import { DialectName, DIALECTS, FEATURES, Feature } from '../../lib';
import { checkNoWidening } from '../support/no-widening';

const DIALECTS_UNDER_TEST = Object.keys(DIALECTS) as DialectName[];
// The network-policy-api dialects refuse more random cases (a default-tier deny, ingress isolation
// in a cluster tier, except, a CIDR of every address, one BANP subject): a fifth still proves it.
const ACCEPTED_SHARE: Partial<Record<DialectName, number>> = { 'kubernetes-cnp': 1 / 5, 'kubernetes-anp': 1 / 5 };

const EVERY_FEATURE_MIN_ACCEPTED = 10;

describe.each(DIALECTS_UNDER_TEST)('no widening: %s', (dialect) => {
  it("means exactly its intents for random intents within the dialect's capabilities", () => {
    const { accepted, runs } = checkNoWidening({ dialect, numRuns: 300 });
    // A property that the dialect refuses every case of would prove nothing.
    expect(accepted).toBeGreaterThan(runs * (ACCEPTED_SHARE[dialect] ?? 1 / 3));
  });

  it('means exactly its intents for random intents of every feature (whatever the dialect accepts)', () => {
    const { accepted } = checkNoWidening({ dialect, numRuns: 100, features: Object.keys(FEATURES) as Feature[] });
    // Intents of every feature are mostly refused (21-30 of 100 accepted at the default seed): a
    // floor well under that still fails when a generator change leaves the dialect nothing to check.
    expect(accepted).toBeGreaterThanOrEqual(EVERY_FEATURE_MIN_ACCEPTED);
  });
});
