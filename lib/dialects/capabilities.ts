import { Problem } from '../model/errors';
import { Feature, FEATURES, featuresOf } from '../model/features';
import { PolicyIntent } from '../model/intent';

export const DIALECT_NAMES = ['kubernetes', 'calico', 'cilium', 'kubernetes-cnp', 'kubernetes-anp'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/**
 * The capability matrix: the features each dialect expresses exactly (DIALECTS.md §7). Features
 * absent here fail synthesis for that dialect. A dialect may refuse more in its own checks
 * (Cilium: a deny that an earlier allow overlaps), never less.
 */
export const CAPABILITIES: Readonly<Record<DialectName, readonly Feature[]>> = {
  kubernetes: ['namespace-labels-in-namespaced-policy', 'egress-named-port'],
  calico: [
    'deny', 'pass', 'log', 'order', 'tier', 'cluster-scope', 'service-account', 'service-account-selector',
    'namespace-labels-in-namespaced-policy', 'icmp', 'icmp-code', 'egress-named-port',
  ],
  cilium: [
    'deny', 'order', 'cluster-scope', 'allow-without-isolation', 'fqdn', 'entity', 'service-account',
    'http', 'dns', 'icmp',
  ],
  // Default-tier policies are NetworkPolicies (the kubernetes column); the rest are Admin and
  // Baseline cluster policies (DIALECTS.md §9.5). Its own checks refuse more: a default-tier deny,
  // pass or cluster-wide allow, ingress isolation and any-peer ingress in a cluster tier, ingress
  // CIDRs, except, CIDRs covering every address, and FQDN peers outside the experimental channel.
  'kubernetes-cnp': [
    'deny', 'pass', 'order', 'tier', 'cluster-scope', 'allow-without-isolation', 'fqdn',
    'namespace-labels-in-namespaced-policy', 'egress-named-port',
  ],
  // v1alpha1 also refuses a Baseline pass, Baseline policies with different subjects, and named ports in a cluster tier.
  'kubernetes-anp': ['deny', 'pass', 'order', 'tier', 'cluster-scope', 'allow-without-isolation', 'namespace-labels-in-namespaced-policy', 'egress-named-port'],
};

/** The dialects that can express a feature. */
export function dialectsWith(feature: Feature): DialectName[] {
  return DIALECT_NAMES.filter((dialect) => CAPABILITIES[dialect].includes(feature));
}

/** Where an intent came from, for messages: its construct path, or its name. */
export function whereOf(intent: PolicyIntent): string {
  return intent.path ?? `policy ${intent.name}`;
}

/** A problem for a feature a dialect cannot express, naming the dialects that can. */
export function unsupported(intent: PolicyIntent, field: string, what: string, dialect: DialectName, others: readonly DialectName[]): Problem {
  const can = others.length > 0 ? `dialects that can: ${others.join(', ')}` : 'no dialect can';
  return { where: whereOf(intent), field, message: `${what} cannot be expressed exactly in the ${dialect} dialect (${can})` };
}

/** The problems of every feature an intent uses that the dialect lacks, per the matrix. */
export function capabilityProblems(intent: PolicyIntent, dialect: DialectName): Problem[] {
  return featuresOf(intent)
    .filter((use) => !CAPABILITIES[dialect].includes(use.feature))
    .map((use) => unsupported(intent, use.field, FEATURES[use.feature], dialect, dialectsWith(use.feature)));
}
