/** The API group and version users author Calico policy in (crd.projectcalico.org/v1 is Calico's internal storage). */
export const CALICO_API_VERSION = 'projectcalico.org/v3';

/** Calico's internal storage form: never authored, never read (DIALECTS.md §2.5). */
export const CALICO_STORAGE_API_VERSION = 'crd.projectcalico.org/v1';

/** The Calico kinds this dialect writes and reads. */
export const CALICO_KINDS = { policy: 'NetworkPolicy', globalPolicy: 'GlobalNetworkPolicy', tier: 'Tier' } as const;

/** The `apiVersion/kind` of the objects only Calico enforces: how the analysis recognises a Calico cluster. */
export const CALICO_OWN_KINDS: readonly string[] = [
  ...Object.values(CALICO_KINDS).map((kind) => `${CALICO_API_VERSION}/${kind}`),
  ...[CALICO_KINDS.policy, CALICO_KINDS.globalPolicy].map((kind) => `${CALICO_STORAGE_API_VERSION}/${kind}`),
];

/** The name Calico gives the tier of policies that name none. */
export const DEFAULT_TIER_NAME = 'default';
