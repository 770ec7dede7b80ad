import { Manifest } from '../manifest';
import { OfficialSchema } from '../official-schema';

/** The API version of Cilium's policies. */
export const CILIUM_API_VERSION = 'cilium.io/v2';
/** A namespaced policy (CNP). */
export const NAMESPACED_KIND = 'CiliumNetworkPolicy';
/** A cluster-wide policy (CCNP). */
export const CLUSTERWIDE_KIND = 'CiliumClusterwideNetworkPolicy';
/** The `apiVersion/kind` of the policies only Cilium enforces. */
export const CILIUM_KINDS: readonly string[] = [NAMESPACED_KIND, CLUSTERWIDE_KIND].map((kind) => `${CILIUM_API_VERSION}/${kind}`);

/** The v2 CRDs of the policies, and of the CIDR groups they may name (schemas/cilium, SOURCES.md). */
export const CILIUM_SCHEMAS: readonly OfficialSchema[] = [
  { kind: `${CILIUM_API_VERSION}/${NAMESPACED_KIND}`, file: 'cilium/ciliumnetworkpolicies.yaml', version: 'v2' },
  { kind: `${CILIUM_API_VERSION}/${CLUSTERWIDE_KIND}`, file: 'cilium/ciliumclusterwidenetworkpolicies.yaml', version: 'v2' },
  { kind: `${CILIUM_API_VERSION}/CiliumCIDRGroup`, file: 'cilium/ciliumcidrgroups.yaml', version: 'v2' },
];

/** Whether a manifest is a CNP or CCNP. */
export function isCiliumPolicy(manifest: Manifest): boolean {
  return CILIUM_KINDS.includes(`${manifest.apiVersion}/${manifest.kind}`);
}
