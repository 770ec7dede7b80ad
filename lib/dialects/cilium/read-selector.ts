import { Entity, NAMESPACE_NAME_LABEL, NamespaceSelection, Peer } from '../../model/peer';
import { compactSelector, LabelSelector, selectsEverything } from '../../model/selector';
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

/** A selector split by what its keys are about; each part keeps its own keys. */
interface SelectorParts {
  /** Requirements on the pod's own labels. */
  readonly pods: LabelSelector;
  /** Requirements on the namespace's labels (names as NAMESPACE_NAME_LABEL), absent when there are none. */
  readonly namespaces?: LabelSelector;
  /** Whether the namespace name key is present (which stops Cilium's namespace injection). */
  readonly namesNamespace: boolean;
  /** Requirements on the service account's name. */
  readonly serviceAccount: LabelSelector;
  /** Requirements on reserved labels. */
  readonly reserved: LabelSelector;
}

type Role = 'pods' | 'namespaces' | 'serviceAccount' | 'reserved';

/** The subject of a CNP (namespace given) or CCNP (none). */
export function readSubject(selector: unknown, namespace: string | undefined): Subject {
  const parts = splitSelector(selector);
  if (!selectsEverything(parts.reserved) || !selectsEverything(parts.serviceAccount)) throw new NotModelled('an endpointSelector on reserved or service-account labels');
  if (namespace === undefined) {
    const namespaces = parts.namespaces && namespaceSelection(parts.namespaces);
    // A CCNP for pods of every namespace is a subject without namespaces.
    return { pods: parts.pods, ...(namespaces && namespaces !== 'all' && { namespaces }) };
  }
  // Cilium adds the policy's namespace to a CNP's subject: naming it again changes nothing.
  if (parts.namespaces && JSON.stringify(namespaceSelection(parts.namespaces)) !== JSON.stringify({ names: [namespace] })) {
    throw new NotModelled('a CiliumNetworkPolicy endpointSelector on namespace labels or another namespace');
  }
  return { pods: parts.pods };
}

/** A peer of a CNP (namespace given) or CCNP (none), as Cilium completes it. */
export function readPeerSelector(selector: unknown, namespace: string | undefined): Peer {
  const parts = splitSelector(selector);
  if (!selectsEverything(parts.reserved)) return reservedEntity(selector as LabelSelector, parts.reserved);
  let namespaces: NamespaceSelection | undefined;
  if (parts.namesNamespace || namespace === undefined) namespaces = parts.namespaces ? namespaceSelection(parts.namespaces) : 'all';
  else if (parts.namespaces) throw new NotModelled('a namespace-label selector in a CiliumNetworkPolicy peer (documented as CCNP-only; Cilium versions differ)');
  if (!selectsEverything(parts.serviceAccount)) {
    if (!selectsEverything(parts.pods)) throw new NotModelled('a peer selecting both a service account and pod labels');
    return { kind: 'serviceAccount', names: serviceAccountNames(parts.serviceAccount), ...(namespaces && { namespaces }) };
  }
  if (namespaces && selectsEverything(parts.pods)) return { kind: 'namespaces', namespaces };
  return { kind: 'pods', pods: parts.pods, ...(namespaces && { namespaces }) };
}

function splitSelector(selector: unknown): SelectorParts {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as LabelSelector;
  const parts: Record<Role, Required<Pick<LabelSelector, 'matchLabels' | 'matchExpressions'>>> = {
    pods: { matchLabels: {}, matchExpressions: [] },
    namespaces: { matchLabels: {}, matchExpressions: [] },
    serviceAccount: { matchLabels: {}, matchExpressions: [] },
    reserved: { matchLabels: {}, matchExpressions: [] },
  };
  let namesNamespace = false;
  const place = (selectorKey: string): [Role, string] => {
    const [role, key] = roleOf(selectorKey);
    namesNamespace ||= splitKey(selectorKey).key === POD_NAMESPACE_LABEL;
    return [role, key];
  };
  for (const [selectorKey, value] of Object.entries(matchLabels)) {
    const [role, key] = place(selectorKey);
    parts[role].matchLabels[key] = value;
  }
  for (const expression of matchExpressions) {
    if (!OPERATORS.includes(expression.operator)) throw new NotModelled(`selector operator "${expression.operator}"`);
    const [role, key] = place(expression.key);
    parts[role].matchExpressions.push({ ...expression, key, ...(expression.values && { values: [...expression.values] }) });
  }
  const namespaces = compactSelector(parts.namespaces);
  return {
    pods: compactSelector(parts.pods),
    ...(!selectsEverything(namespaces) && { namespaces }),
    namesNamespace,
    serviceAccount: compactSelector(parts.serviceAccount),
    reserved: compactSelector(parts.reserved),
  };
}

// What a selector key is about, and the label key it stands for there.
function roleOf(selectorKey: string): [Role, string] {
  const { source, key } = splitKey(selectorKey);
  if (source === RESERVED_SOURCE) return ['reserved', key];
  if (source !== K8S_SOURCE && source !== ANY_SOURCE) throw new NotModelled(`selector key "${selectorKey}" (labels of source ${source})`);
  if (key === POD_NAMESPACE_LABEL) return ['namespaces', NAMESPACE_NAME_LABEL];
  if (key.startsWith(NAMESPACE_LABELS_PREFIX)) return ['namespaces', key.slice(NAMESPACE_LABELS_PREFIX.length)];
  if (key === SERVICE_ACCOUNT_LABEL) return ['serviceAccount', key];
  if (key.startsWith(CILIUM_DERIVED_PREFIX)) throw new NotModelled(`selector key "${selectorKey}"`);
  return ['pods', key];
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

// One name (matchLabels) or several (In): anything else is not a list of names.
function serviceAccountNames(selector: LabelSelector): string[] {
  const labels = Object.values(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (labels.length === 1 && expressions.length === 0) return labels;
  if (labels.length === 0 && expressions.length === 1 && expressions[0].operator === 'In') return [...(expressions[0].values ?? [])];
  throw new NotModelled('a service account selected other than by names');
}

// A reserved identity is an entity only when the selector is that one label and nothing else.
function reservedEntity(selector: LabelSelector, reserved: LabelSelector): Peer {
  const keys = Object.keys(selector.matchLabels ?? {});
  const entity = RESERVED_ENTITIES[keys[0]?.slice(RESERVED_SOURCE.length + 1)];
  if (keys.length !== 1 || (selector.matchExpressions ?? []).length > 0 || !entity) {
    throw new NotModelled(`an endpoint selector on reserved labels (${[...Object.keys(reserved.matchLabels ?? {}), ...(reserved.matchExpressions ?? []).map((e) => e.key)].join(', ')})`);
  }
  return { kind: 'entity', entity };
}
