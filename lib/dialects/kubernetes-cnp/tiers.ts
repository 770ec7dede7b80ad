import { Problem } from '../../model/errors';
import { DEFAULT_TIER_ORDER, PolicyIntent } from '../../model/intent';
import { whereOf } from '../capabilities';
import { ClusterTier } from './api';

// Where each intent goes (DIALECTS.md §9.5): tiers before the default tier are Admin, after it
// Baseline; default-tier namespaced intents are NetworkPolicies, the middle tier; a default-tier
// cluster-wide isolation without rules is a Baseline Deny-all (what no NetworkPolicy allowed is
// denied, for pods no NetworkPolicy isolates too).

/** Where an intent is written. */
export type Placement = { kind: 'network-policy' } | { kind: 'cluster'; tier: ClusterTier } | { kind: 'cluster-default-deny' };

/** The placement of an intent, or why it has none. */
export function placementOf(intent: PolicyIntent): Placement | string {
  if (intent.tier) {
    if (intent.tier.order === DEFAULT_TIER_ORDER) return `tier ${intent.tier.name} is at the default tier's order ${DEFAULT_TIER_ORDER}: put it before (Admin) or after (Baseline)`;
    return { kind: 'cluster', tier: intent.tier.order < DEFAULT_TIER_ORDER ? 'Admin' : 'Baseline' };
  }
  if (intent.scope !== 'cluster') return { kind: 'network-policy' };
  if (intent.rules.length === 0) return { kind: 'cluster-default-deny' };
  return 'a cluster-wide policy in the default tier has no form here (NetworkPolicy is namespaced, and a ClusterNetworkPolicy tier is not the default tier): put it in a tier before the default tier (Admin) or after it (Baseline)';
}

/** Each cluster tier holds one intent tier: a pass leaves the whole ClusterNetworkPolicy tier. */
export function tierProblems(intents: readonly PolicyIntent[]): Problem[] {
  const first = new Map<ClusterTier, PolicyIntent>();
  const problems: Problem[] = [];
  for (const intent of intents) {
    const placement = placementOf(intent);
    if (typeof placement === 'string' || placement.kind !== 'cluster' || !intent.tier) continue;
    const earlier = first.get(placement.tier);
    if (!earlier) first.set(placement.tier, intent);
    else if (earlier.tier?.name !== intent.tier.name) {
      problems.push({
        where: whereOf(intent),
        field: 'tier',
        message: `tier ${intent.tier.name} and tier ${earlier.tier?.name} (${whereOf(earlier)}) would both be the ${placement.tier} tier, which is one tier (a pass leaves all of it): use one tier ${placement.tier === 'Admin' ? 'before' : 'after'} the default tier`,
      });
    }
  }
  return problems;
}

/** An object in a cluster tier, ranked for its priority. */
export interface Ranked {
  readonly intent: PolicyIntent;
  /** 0: a tier's default-tier deny-alls (before the tier's own policies); 1: the intents; 2: end-of-tier isolation. */
  readonly stage: 0 | 1 | 2;
}

/**
 * Distinct priorities from (stage, order, name): equal priorities that overlap are undefined
 * (DIALECTS.md §9.6 #3), so every object gets its own, deterministically.
 */
export function rank(objects: readonly Ranked[]): Ranked[] {
  const key = (object: Ranked) => [object.stage, object.intent.order ?? Number.POSITIVE_INFINITY] as const;
  return [...objects].sort((a, b) => {
    const [stageA, orderA] = key(a);
    const [stageB, orderB] = key(b);
    if (stageA !== stageB) return stageA - stageB;
    if (orderA !== orderB) return orderA < orderB ? -1 : 1;
    return a.intent.name < b.intent.name ? -1 : a.intent.name > b.intent.name ? 1 : 0;
  });
}
