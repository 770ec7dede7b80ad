// Cilium identity labels: what its selectors match (DIALECTS.md §5.3; cilium/cilium
// pkg/k8s/apis/cilium.io/const.go). A selector key is `source:key`; a key without a source means
// `any:`, which matches the key from every source.

/** The source of the labels Cilium takes from Kubernetes objects. */
export const K8S_SOURCE = 'k8s';
/** The source of Cilium's reserved identities (host, world, ...). */
export const RESERVED_SOURCE = 'reserved';
/** The source a key without one has: it matches every source. */
export const ANY_SOURCE = 'any';

/** The namespace of a pod. */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
/** The prefix of the labels of a pod's namespace, e.g. `io.cilium.k8s.namespace.labels.team`. */
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
/** The service account a pod runs as. */
export const SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';
/** The prefix of the labels Cilium derives itself (service account, cluster, policy names). */
export const CILIUM_DERIVED_PREFIX = 'io.cilium.k8s.';

/**
 * A Kubernetes label as a selector key. Pod labels get the `k8s:` source: without it the key means
 * `any:` and would also match labels from other sources (container runtime, reserved identities).
 */
export function k8sKey(key: string): string {
  return `${K8S_SOURCE}:${key}`;
}

/** A selector key split into its source (`any` when it has none) and the label key. */
export function splitKey(selectorKey: string): { source: string; key: string } {
  const colon = selectorKey.indexOf(':');
  // Kubernetes label keys never contain ':', so the first one ends the source.
  if (colon < 0) return { source: ANY_SOURCE, key: selectorKey };
  return { source: selectorKey.slice(0, colon), key: selectorKey.slice(colon + 1) };
}

/** Whether a pod label key is one Cilium sets itself, so a selector on it cannot mean the pod's own label. */
export function isCiliumOwnedKey(key: string): boolean {
  return key === POD_NAMESPACE_LABEL || key.startsWith(CILIUM_DERIVED_PREFIX);
}
