import { OfficialSchema } from '../official-schema';

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

/** The v3 CRDs of the kinds this dialect writes (schemas/calico, SOURCES.md). */
export const CALICO_SCHEMAS: readonly OfficialSchema[] = [
  { kind: `${CALICO_API_VERSION}/${CALICO_KINDS.policy}`, file: 'calico/projectcalico.org_networkpolicies.yaml', version: 'v3' },
  { kind: `${CALICO_API_VERSION}/${CALICO_KINDS.globalPolicy}`, file: 'calico/projectcalico.org_globalnetworkpolicies.yaml', version: 'v3' },
  { kind: `${CALICO_API_VERSION}/${CALICO_KINDS.tier}`, file: 'calico/projectcalico.org_tiers.yaml', version: 'v3' },
];

/** The name Calico gives the tier of policies that name none. */
export const DEFAULT_TIER_NAME = 'default';
