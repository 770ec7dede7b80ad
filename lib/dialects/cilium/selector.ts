import { NamespaceSelection } from '../../model/peer';
import { compactSelector, LabelSelector, SelectorExpression } from '../../model/selector';
import { k8sKey, NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, SERVICE_ACCOUNT_LABEL } from './labels';

/** What an endpoint selector selects: pods by labels, in namespaces, running as service accounts. */
export interface EndpointParts {
  /** The pods' labels. @default any pod */
  readonly pods?: LabelSelector;
  /** The pods' namespaces. @default none written: a CNP confines the selector to its own namespace */
  readonly namespaces?: NamespaceSelection;
  /** The service accounts the pods run as. @default any */
  readonly serviceAccounts?: readonly string[];
}

/**
 * A Cilium endpoint selector. Namespaces by name use `k8s:io.kubernetes.pod.namespace` ('all' is
 * that key with Exists, the only way a CNP peer leaves its own namespace); namespace labels use
 * `k8s:io.cilium.k8s.namespace.labels.<key>`; every pod label gets the `k8s:` source.
 */
export function endpointSelector(parts: EndpointParts): LabelSelector {
  const selectors = [
    parts.namespaces && namespaceSelector(parts.namespaces),
    parts.serviceAccounts && valuesSelector(k8sKey(SERVICE_ACCOUNT_LABEL), parts.serviceAccounts),
    parts.pods && renameKeys(parts.pods, k8sKey),
  ].filter((selector): selector is LabelSelector => selector !== undefined);
  return compactSelector({
    matchLabels: Object.assign({}, ...selectors.map((selector) => selector.matchLabels)),
    matchExpressions: selectors.flatMap((selector) => selector.matchExpressions ?? []),
  });
}

function namespaceSelector(namespaces: NamespaceSelection): LabelSelector {
  if (namespaces === 'all') return { matchExpressions: [{ key: k8sKey(POD_NAMESPACE_LABEL), operator: 'Exists' }] };
  if ('names' in namespaces) return valuesSelector(k8sKey(POD_NAMESPACE_LABEL), namespaces.names);
  return renameKeys(namespaces.selector, (key) => k8sKey(`${NAMESPACE_LABELS_PREFIX}${key}`));
}

// One value as matchLabels (the common, readable form), several as In.
function valuesSelector(key: string, values: readonly string[]): LabelSelector {
  if (values.length === 1) return { matchLabels: { [key]: values[0] } };
  return { matchExpressions: [{ key, operator: 'In', values: [...values] }] };
}

function renameKeys(selector: LabelSelector, rename: (key: string) => string): LabelSelector {
  const matchLabels = Object.fromEntries(Object.entries(selector.matchLabels ?? {}).map(([key, value]) => [rename(key), value]));
  const matchExpressions = (selector.matchExpressions ?? []).map((expression): SelectorExpression => ({ ...expression, key: rename(expression.key) }));
  return { matchLabels, matchExpressions };
}
