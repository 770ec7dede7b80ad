import { Manifest } from '../manifest';

/** The API version of Cilium's policies. */
export const CILIUM_API_VERSION = 'cilium.io/v2';
/** A namespaced policy (CNP). */
export const NAMESPACED_KIND = 'CiliumNetworkPolicy';
/** A cluster-wide policy (CCNP). */
export const CLUSTERWIDE_KIND = 'CiliumClusterwideNetworkPolicy';
/** The `apiVersion/kind` of the policies only Cilium enforces. */
export const CILIUM_KINDS: readonly string[] = [NAMESPACED_KIND, CLUSTERWIDE_KIND].map((kind) => `${CILIUM_API_VERSION}/${kind}`);

/** Whether a manifest is a CNP or CCNP. */
export function isCiliumPolicy(manifest: Manifest): boolean {
  return CILIUM_KINDS.includes(`${manifest.apiVersion}/${manifest.kind}`);
}
