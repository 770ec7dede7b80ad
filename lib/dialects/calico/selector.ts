import { NamespaceSelection } from '../../model/peer';
import { LabelSelector } from '../../model/selector';

// Kubernetes label selectors as Calico selector expressions (DIALECTS.md §5.2), written as
// Calico's own Kubernetes converter writes them (libcalico-go conversion.go k8sSelectorToCalico):
// matchLabels by sorted key, then matchExpressions in order, joined with ` && `.

/** The label Calico gives every Kubernetes pod; host endpoints and network sets lack it. */
export const ORCHESTRATOR_LABEL = { key: 'projectcalico.org/orchestrator', value: 'k8s' } as const;

/** The term Calico puts first in every pod selector it converts, so that it matches pods only. */
export const POD_TERM = `${ORCHESTRATOR_LABEL.key} == '${ORCHESTRATOR_LABEL.value}'`;

/** The label Calico gives every namespace (and service account) with its own name. */
export const CALICO_NAME_LABEL = 'projectcalico.org/name';

// Label values never contain quotes (label syntax), so single quotes are always safe.
const quoted = (value: string) => `'${value}'`;
const set = (values: readonly string[]) => `{ ${values.map(quoted).join(', ')} }`;

function terms(selector: LabelSelector): string[] {
  const labels = selector.matchLabels ?? {};
  const result = Object.keys(labels)
    .sort()
    .map((key) => `${key} == ${quoted(labels[key])}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    switch (operator) {
      case 'In': result.push(`${key} in ${set(values)}`); break;
      case 'NotIn': result.push(`${key} not in ${set(values)}`); break;
      case 'Exists': result.push(`has(${key})`); break;
      case 'DoesNotExist': result.push(`!has(${key})`); break;
    }
  }
  return result;
}

/** A label selector as a Calico selector expression; `{}` is `all()`. */
export function calicoSelector(selector: LabelSelector): string {
  const all = terms(selector);
  return all.length > 0 ? all.join(' && ') : 'all()';
}

/** A selector of pods only (POD_TERM first), as Calico writes Kubernetes pod selectors. */
export function podSelector(selector: LabelSelector): string {
  return [POD_TERM, ...terms(selector)].join(' && ');
}

/** Namespaces as a Calico namespace selector: names by `projectcalico.org/name`, `'all'` as `all()`. */
export function namespaceSelector(selection: NamespaceSelection): string {
  if (selection === 'all') return 'all()';
  if ('selector' in selection) return calicoSelector(selection.selector);
  const [first, ...rest] = selection.names;
  return rest.length === 0 ? `${CALICO_NAME_LABEL} == ${quoted(first)}` : `${CALICO_NAME_LABEL} in ${set(selection.names)}`;
}
