import { Tier } from '../model/intent';

/**
 * The platform team's tier before every namespace's policies (kubernetes-cnp: the Admin tier;
 * Calico: a tier before the default one). What it does not decide passes on to the namespaces.
 */
export const ADMIN_TIER: Tier = { name: 'admin', order: 2_000, defaultAction: 'pass' };

/**
 * The platform team's tier after every namespace's policies (kubernetes-cnp: the Baseline tier;
 * Calico: a tier after the default one): it decides only for pods no namespaced policy isolates.
 */
export const BASELINE_TIER: Tier = { name: 'baseline', order: 9_000_000, defaultAction: 'pass' };
