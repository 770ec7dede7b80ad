import { Problem } from '../../model/errors';
import { DEFAULT_TIER_ORDER, PolicyIntent, Tier } from '../../model/intent';
import { whereOf } from '../capabilities';
import { Manifest } from '../manifest';
import { CALICO_API_VERSION, CALICO_KINDS } from './kinds';

// Calico's built-in tiers. 3.32: kube-admin (1,000), default, kube-baseline (10,000,000); 3.29-3.31
// had adminnetworkpolicy and baselineadminnetworkpolicy at the same orders (DIALECTS.md §2.1,
// §2.5); 3.32 renamed Calico's own allow-tigera tier to calico-system (projectcalico/calico#11842).
// A tier of the same name would be Calico's, and one at the same order would be placed by name.
const BUILT_IN_ORDERS: Readonly<Record<string, number>> = {
  'kube-admin': 1_000,
  'adminnetworkpolicy': 1_000,
  'default': DEFAULT_TIER_ORDER,
  'kube-baseline': 10_000_000,
  'baselineadminnetworkpolicy': 10_000_000,
};
const RESERVED_NAMES = [...Object.keys(BUILT_IN_ORDERS), 'calico-system', 'allow-tigera'];

/** A tier the intents use, with the first intent that defines it. */
export interface TierUse {
  readonly tier: Tier;
  readonly intent: PolicyIntent;
}

/** The tiers the intents use, one per name in order of first use, and the problems of their definitions. */
export function tiersOf(intents: readonly PolicyIntent[]): { tiers: TierUse[]; problems: Problem[] } {
  const tiers: TierUse[] = [];
  const problems: Problem[] = [];
  const problem = (intent: PolicyIntent, message: string) => problems.push({ where: whereOf(intent), field: 'tier', message });
  for (const intent of intents) {
    const tier = intent.tier;
    if (!tier) continue;
    const same = tiers.find((use) => use.tier.name === tier.name);
    if (same) {
      if (describe(same.tier) !== describe(tier)) {
        problem(intent, `tier ${tier.name} is defined twice: ${describe(tier)} here, ${describe(same.tier)} at ${whereOf(same.intent)}; one Tier object can say only one`);
      }
      continue;
    }
    // A built-in name is one error: its order matches the built-in's own, which is no second problem.
    const clash = Object.entries(BUILT_IN_ORDERS).find(([, order]) => order === tier.order)?.[0] ?? tiers.find((use) => use.tier.order === tier.order)?.tier.name;
    if (RESERVED_NAMES.includes(tier.name)) {
      problem(intent, `${tier.name} is a tier Calico creates itself (${RESERVED_NAMES.join(', ')}): name your own`);
    } else if (clash !== undefined) {
      problem(intent, `tier ${tier.name} has order ${tier.order}, as tier ${clash} has: Calico would order the two by name; give them different orders`);
    }
    tiers.push({ tier, intent });
  }
  return { tiers, problems };
}

function describe(tier: Tier): string {
  return `order ${tier.order}, default action ${tier.defaultAction ?? 'deny'}`;
}

/** A tier as a Calico Tier object, its default action always written out. */
export function renderTier(tier: Tier): Manifest {
  return {
    apiVersion: CALICO_API_VERSION,
    kind: CALICO_KINDS.tier,
    metadata: { name: tier.name },
    spec: { order: tier.order, defaultAction: tier.defaultAction === 'pass' ? 'Pass' : 'Deny' },
  };
}
