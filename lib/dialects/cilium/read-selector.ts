import { Entity, NAMESPACE_NAME_LABEL, NamespaceSelection, Peer } from '../../model/peer';
import { compactSelector, LabelSelector, SelectorExpression, selectsEverything } from '../../model/selector';
import { Subject } from '../../model/intent';
import { NotModelled } from '../read-result';
import { ANY_SOURCE, CILIUM_DERIVED_PREFIX, K8S_SOURCE, NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, RESERVED_SOURCE, SERVICE_ACCOUNT_LABEL, splitKey } from './labels';

// Endpoint selectors read back as Cilium applies them (DIALECTS.md §5.3; cilium/cilium
// pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector): a CNP confines a peer without a
// namespace key to its own namespace, a CCNP adds "any namespace"; reserved labels are entities.

/** Reserved identities that are exactly one entity (world is not: dual-stack clusters add world-ipv4/6). */
const RESERVED_ENTITIES: Readonly<Record<string, Entity>> = {
  host: 'host',
  'remote-node': 'remote-node',
  'kube-apiserver': 'kube-apiserver',
  health: 'health',
  init: 'init',
  unmanaged: 'unmanaged',
  ingress: 'ingress',
};

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A selector split by what its keys are about. */
interface SelectorParts {
  /** Requirements on the pod's own labels. */
  readonly pods: LabelSelector;
  /** Requirements on the namespace's labels (names as NAMESPACE_NAME_LABEL), absent when there are none. */
  readonly namespaces?: LabelSelector;
  /** Whether a namespace name key is present (which stops Cilium's namespace injection). */
  readonly namesNamespace: boolean;
  /** Requirements on the service account. */
  readonly serviceAccount: SelectorExpression[];
  /** Reserved labels. */
  readonly reserved: string[];
}

/** The subject of a CNP (namespace given) or CCNP (none). */
export function readSubject(selector: unknown, namespace: string | undefined): Subject {
  const parts = splitSelector(selector);
  if (parts.reserved.length > 0 || parts.serviceAccount.length > 0) throw new NotModelled('an endpointSelector on reserved or service-account labels');
  if (namespace === undefined) {
    const namespaces = parts.namespaces && namespaceSelection(parts.namespaces);
    // A CCNP for pods of every namespace is a subject without namespaces.
    return { pods: parts.pods, ...(namespaces && namespaces !== 'all' && { namespaces }) };
  }
  // Cilium adds the policy's namespace to a CNP's subject: naming it again changes nothing.
  const names = parts.namespaces && namespaceSelection(parts.namespaces);
  if (parts.namespaces && !(typeof names === 'object' && 'names' in names && names.names.length === 1 && names.names[0] === namespace)) {
    throw new NotModelled('a CiliumNetworkPolicy endpointSelector on namespace labels or another namespace');
  }
  return { pods: parts.pods };
}

/** A peer of a CNP (namespace given) or CCNP (none), as Cilium completes it. */
export function readPeerSelector(selector: unknown, namespace: string | undefined): Peer {
  const parts = splitSelector(selector);
  if (parts.reserved.length > 0) return reservedEntity(selector as LabelSelector, parts);
  let namespaces: NamespaceSelection | undefined;
  if (parts.namesNamespace || namespace === undefined) namespaces = parts.namespaces ? namespaceSelection(parts.namespaces) : 'all';
  else if (parts.namespaces) throw new NotModelled('a namespace-label selector in a CiliumNetworkPolicy peer (documented as CCNP-only; Cilium versions differ)');
  if (parts.serviceAccount.length > 0) {
    if (!selectsEverything(parts.pods)) throw new NotModelled('a peer selecting both a service account and pod labels');
    return { kind: 'serviceAccount', names: valuesOf(parts.serviceAccount, 'service account'), ...(namespaces && { namespaces }) };
  }
  if (namespaces && selectsEverything(parts.pods)) return { kind: 'namespaces', namespaces };
  return { kind: 'pods', pods: parts.pods, ...(namespaces && { namespaces }) };
}

function splitSelector(selector: unknown): SelectorParts {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as LabelSelector;
  const pods: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  const namespaces: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  const parts = { namesNamespace: false, serviceAccount: [] as SelectorExpression[], reserved: [] as string[] };
  const add = (selectorKey: string, expression: Omit<SelectorExpression, 'key'>, fromMatchLabels: boolean) => {
    if (!OPERATORS.includes(expression.operator)) throw new NotModelled(`selector operator "${expression.operator}"`);
    const { source, key } = splitKey(selectorKey);
    if (source === RESERVED_SOURCE) return void parts.reserved.push(key);
    if (source !== K8S_SOURCE && source !== ANY_SOURCE) throw new NotModelled(`selector key "${selectorKey}" (labels of source ${source})`);
    let target = pods;
    let targetKey = key;
    if (key === POD_NAMESPACE_LABEL) [target, targetKey, parts.namesNamespace] = [namespaces, NAMESPACE_NAME_LABEL, true];
    else if (key.startsWith(NAMESPACE_LABELS_PREFIX)) [target, targetKey] = [namespaces, key.slice(NAMESPACE_LABELS_PREFIX.length)];
    else if (key === SERVICE_ACCOUNT_LABEL) return void parts.serviceAccount.push({ key, ...expression });
    else if (key.startsWith(CILIUM_DERIVED_PREFIX)) throw new NotModelled(`selector key "${selectorKey}"`);
    if (fromMatchLabels) (target.matchLabels as Record<string, string>)[targetKey] = (expression.values ?? [])[0];
    else target.matchExpressions?.push({ key: targetKey, ...expression, ...(expression.values && { values: [...expression.values] }) });
  };
  for (const [key, value] of Object.entries(matchLabels)) add(key, { operator: 'In', values: [value] }, true);
  for (const { key, ...expression } of matchExpressions) add(key, expression, false);
  const namespaceSelector = compactSelector(namespaces);
  return { ...parts, pods: compactSelector(pods), ...(!selectsEverything(namespaceSelector) || parts.namesNamespace ? { namespaces: namespaceSelector } : {}) };
}

// Names when the selector is only about names; 'all' when it only says "some namespace".
function namespaceSelection(selector: LabelSelector): NamespaceSelection {
  const expressions = (selector.matchExpressions ?? []).filter((e) => !(e.key === NAMESPACE_NAME_LABEL && e.operator === 'Exists'));
  const rest = compactSelector({ ...selector, matchExpressions: expressions });
  const labels = Object.entries(rest.matchLabels ?? {});
  if (selectsEverything(rest)) return 'all';
  if (labels.length === 1 && !rest.matchExpressions && labels[0][0] === NAMESPACE_NAME_LABEL) return { names: [labels[0][1]] };
  const [only] = rest.matchExpressions ?? [];
  if (labels.length === 0 && rest.matchExpressions?.length === 1 && only.key === NAMESPACE_NAME_LABEL && only.operator === 'In') return { names: [...(only.values ?? [])] };
  return { selector: rest };
}

function valuesOf(expressions: readonly SelectorExpression[], what: string): string[] {
  if (expressions.length !== 1 || expressions[0].operator !== 'In') throw new NotModelled(`a ${what} selected other than by names`);
  return [...(expressions[0].values ?? [])];
}

// A reserved identity is an entity only when the selector is that one label and nothing else.
function reservedEntity(selector: LabelSelector, parts: SelectorParts): Peer {
  const keys = Object.keys(selector.matchLabels ?? {});
  const entity = RESERVED_ENTITIES[parts.reserved[0]];
  if (keys.length !== 1 || (selector.matchExpressions ?? []).length > 0 || !entity) throw new NotModelled(`an endpoint selector on reserved labels (${parts.reserved.join(', ')})`);
  return { kind: 'entity', entity };
}
