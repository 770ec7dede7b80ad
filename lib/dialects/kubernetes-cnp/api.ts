import { OfficialSchema } from '../official-schema';

// The two versions of the Kubernetes network-policy-api (DIALECTS.md §4, §9): what differs between
// ClusterNetworkPolicy (v1alpha2, v0.2.0) and AdminNetworkPolicy/BaselineAdminNetworkPolicy (v1alpha1, v0.1.8).

export const V1ALPHA2 = 'policy.networking.k8s.io/v1alpha2';
export const V1ALPHA1 = 'policy.networking.k8s.io/v1alpha1';

/** The two cluster tiers, around NetworkPolicy. */
export type ClusterTier = 'Admin' | 'Baseline';

/** One target API version and how it spells what differs. */
export interface ApiTarget {
  /** The dialect's name, for messages. */
  readonly dialect: 'kubernetes-cnp' | 'kubernetes-anp';
  /** The API version. */
  readonly apiVersion: string;
  /** The accept action's spelling. */
  readonly accept: 'Accept' | 'Allow';
  /** The most rules per direction, peers per rule and ports per rule (CRD maxItems). */
  readonly maxItems: number;
}

export const CNP_TARGET: ApiTarget = { dialect: 'kubernetes-cnp', apiVersion: V1ALPHA2, accept: 'Accept', maxItems: 25 };
export const ANP_TARGET: ApiTarget = { dialect: 'kubernetes-anp', apiVersion: V1ALPHA1, accept: 'Allow', maxItems: 100 };

export const CNP_KIND = 'ClusterNetworkPolicy';
export const ANP_KIND = 'AdminNetworkPolicy';
export const BANP_KIND = 'BaselineAdminNetworkPolicy';
/** The BaselineAdminNetworkPolicy is a singleton: its name must be `default` (CRD CEL rule). */
export const BANP_NAME = 'default';

/** The kinds only implementations of this API enforce, as `apiVersion/kind`. */
export const CNP_KINDS: readonly string[] = [`${V1ALPHA2}/${CNP_KIND}`];
export const ANP_KINDS: readonly string[] = [`${V1ALPHA1}/${ANP_KIND}`, `${V1ALPHA1}/${BANP_KIND}`];

// The CRDs of both release channels (schemas/network-policy-api, SOURCES.md): v0.2.0 for v1alpha2, v0.1.8 for v1alpha1.
const channels = (release: string, kind: string, plural: string, version: string): OfficialSchema => {
  const file = (channel: string) => `network-policy-api/${release}/${channel}/policy.networking.k8s.io_${plural}.yaml`;
  return { kind, file: file('standard'), experimental: file('experimental'), version };
};
export const CNP_SCHEMAS: readonly OfficialSchema[] = [channels('v0.2.0', CNP_KINDS[0], 'clusternetworkpolicies', 'v1alpha2')];
export const ANP_SCHEMAS: readonly OfficialSchema[] = [
  channels('v0.1.8', ANP_KINDS[0], 'adminnetworkpolicies', 'v1alpha1'),
  channels('v0.1.8', ANP_KINDS[1], 'baselineadminnetworkpolicies', 'v1alpha1'),
];

/** The tiers read ClusterNetworkPolicies are placed in: Calico 3.32's names and orders (DIALECTS.md §9.4). */
export const CNP_READ_TIERS = {
  Admin: { name: 'kube-admin', order: 1_000, defaultAction: 'pass' },
  Baseline: { name: 'kube-baseline', order: 10_000_000, defaultAction: 'pass' },
} as const;

/** The tiers read ANP/BANP are placed in: Calico 3.29-3.31's names and orders. */
export const ANP_READ_TIERS = {
  Admin: { name: 'adminnetworkpolicy', order: 1_000, defaultAction: 'pass' },
  Baseline: { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'pass' },
} as const;

/** Every IPv4 and every IPv6 address: what a Deny-all or any-peer egress rule is written as. */
export const EVERY_ADDRESS: readonly string[] = ['0.0.0.0/0', '::/0'];
