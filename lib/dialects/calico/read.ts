import { PolicyIntent, Tier } from '../../model/intent';
import { Direction, DIRECTIONS } from '../../model/rule';
import { Labels, LabelSelector, selectorMatches } from '../../model/selector';
import { isNetworkPolicy, readNetworkPolicy } from '../kubernetes/read';
import { DESCRIPTION_ANNOTATION, Manifest } from '../manifest';
import { NotModelled, policySource, readEach, ReadResult } from '../read-result';
import { CALICO_API_VERSION, CALICO_KINDS, CALICO_STORAGE_API_VERSION, DEFAULT_TIER_NAME } from './kinds';
import { readRule } from './read-rule';
import { readEndpointSelector, readNamespaceSelector } from './read-selector';
import { calicoProblems } from './validate';

// Reads what Calico enforces into intents that mean exactly that (PolicyIntent's semantics):
// projectcalico.org/v3 NetworkPolicy, GlobalNetworkPolicy and Tier, and Kubernetes
// NetworkPolicies, which Calico puts in the default tier at order 1000 (DIALECTS.md §2.5, §8.8).
// The manifests are taken as the whole cluster: a Tier a policy names must be among them.
//
// Names: a policy keeps its Calico name (a tiered one may carry its `<tier>.` prefix), since
// Calico, like the model, orders policies of one tier and order by name. Kubernetes
// NetworkPolicies keep theirs too (Calico 3.32's view; up to 3.31 Calico named them
// `knp.default.<name>`, which orders them differently among equal orders).

/** Calico's order for every Kubernetes NetworkPolicy (libcalico-go conversion.go K8sNetworkPolicyToCalico). */
const KUBERNETES_POLICY_ORDER = 1000;

// Built-in tiers a policy may name without a Tier object among the manifests (DIALECTS.md §2.1,
// §2.5: 3.32's kube-admin/kube-baseline, 3.29-3.31's adminnetworkpolicy/baselineadminnetworkpolicy).
const BUILT_IN_TIERS: readonly Tier[] = [
  { name: 'kube-admin', order: 1_000, defaultAction: 'pass' },
  { name: 'adminnetworkpolicy', order: 1_000, defaultAction: 'pass' },
  { name: 'kube-baseline', order: 10_000_000, defaultAction: 'pass' },
  { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'pass' },
];

// A tier without an order comes after every ordered one (felix policy_sorter.go TierLess), as the
// largest order does; tiers of equal order are ordered by name.
const LAST_TIER_ORDER = Number.MAX_VALUE;

const SPEC_FIELDS = ['tier', 'order', 'selector', 'namespaceSelector', 'types', 'ingress', 'egress', 'performanceHints'];
const HOST_ENDPOINT_OPTIONS = ['doNotTrack', 'preDNAT', 'applyOnForward'];
// Objects Calico selectors can match besides pods; the analysis models none of them.
const NON_POD_KINDS = ['HostEndpoint', 'NetworkSet', 'GlobalNetworkSet'];

/** What reading one policy needs to know about the other manifests. */
export interface ReadContext {
  /** The tiers defined among the manifests, by name, or why one is unusable. */
  readonly tiers: ReadonlyMap<string, Tier | string>;
  /**
   * Throws NotModelled when a selector not restricted to pods matches a host endpoint or network
   * set among the manifests (their namespaces aside, so it errs towards not analysing).
   */
  readonly checkNotNonPod: (selector: LabelSelector, text: string) => void;
}

/** Reads the policies Calico enforces among the manifests (other kinds are ignored). */
export function readCalico(manifests: readonly Manifest[]): ReadResult {
  const context = readContext(manifests);
  return readEach(manifests.filter(isEnforcedPolicy), (manifest) => [readEnforcedPolicy(manifest, context)]);
}

function isEnforcedPolicy(manifest: Manifest): boolean {
  const calicoPolicy = manifest.kind === CALICO_KINDS.policy || manifest.kind === CALICO_KINDS.globalPolicy;
  // Staged policies (StagedNetworkPolicy, ...) only report what they would do: they are not read.
  // ClusterNetworkPolicy and ANP/BANP are read by their own dialect (the registry's enforcesAlso).
  return isNetworkPolicy(manifest) || (calicoPolicy && (manifest.apiVersion === CALICO_API_VERSION || manifest.apiVersion === CALICO_STORAGE_API_VERSION));
}

function readEnforcedPolicy(manifest: Manifest, context: ReadContext): PolicyIntent {
  if (isNetworkPolicy(manifest)) return { ...readNetworkPolicy(manifest), order: KUBERNETES_POLICY_ORDER };
  if (manifest.apiVersion === CALICO_STORAGE_API_VERSION) {
    throw new NotModelled(`${CALICO_STORAGE_API_VERSION}, Calico's internal storage form (read ${CALICO_API_VERSION} instead)`);
  }
  return readCalicoPolicy(manifest, context);
}

/** Reads one projectcalico.org/v3 NetworkPolicy or GlobalNetworkPolicy; throws NotModelled for what the model cannot say. */
function readCalicoPolicy(manifest: Manifest, context: ReadContext): PolicyIntent {
  const [problem] = calicoProblems(manifest);
  if (problem) throw new NotModelled(`an invalid policy, which Calico rejects (${problem})`);
  const spec = (manifest.spec ?? {}) as Record<string, any>;
  const cluster = manifest.kind === CALICO_KINDS.globalPolicy;
  for (const [field, value] of Object.entries(spec)) {
    if (HOST_ENDPOINT_OPTIONS.includes(field)) {
      if (value === true) throw new NotModelled(`${field}, which applies to host endpoints`);
    } else if (!SPEC_FIELDS.includes(field) || (field === 'namespaceSelector' && !cluster)) {
      throw new NotModelled(`spec.${field}`);
    }
  }
  const order = spec.order;
  if (order !== undefined && (typeof order !== 'number' || !Number.isFinite(order))) throw new NotModelled(`order ${JSON.stringify(order)}`);
  const tier = tierOf(spec.tier ?? DEFAULT_TIER_NAME, context);
  const types: string[] = spec.types ?? defaultTypes(spec);
  const isolate = DIRECTIONS.filter((direction) => types.includes(TYPES[direction]));
  const subject = readSubject(spec, cluster, context);
  const description = manifest.metadata.annotations?.[DESCRIPTION_ANNOTATION];
  return {
    name: policyNameInTier(manifest.metadata.name, tier),
    scope: cluster ? 'cluster' : { namespace: manifest.metadata.namespace ?? 'default' },
    subject,
    isolate,
    // Rules of a direction not among the types are not enforced.
    rules: isolate.flatMap((direction) =>
      ((spec[direction] ?? []) as any[]).flatMap((rule) => readRule(direction, rule ?? {}, cluster, context) ?? []),
    ),
    ...(tier && { tier }),
    ...(order !== undefined && { order }),
    ...(description !== undefined && { description }),
    path: policySource(manifest),
  };
}

// Calico names a policy of a tier other than the default one `<tier>.<name>` (DIALECTS.md §2.5):
// the intent's name is the policy's own, which the renderer prefixes again.
function policyNameInTier(name: string, tier: Tier | undefined): string {
  return tier && name.startsWith(`${tier.name}.`) ? name.slice(tier.name.length + 1) : name;
}

const TYPES: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

// Without `types`, Calico applies a policy to egress only when it has egress rules and no
// ingress rules, to both when it has both, and to ingress otherwise (DIALECTS.md §2.2).
function defaultTypes(spec: Record<string, any>): string[] {
  const ingress = (spec.ingress ?? []).length > 0;
  const egress = (spec.egress ?? []).length > 0;
  if (egress) return ingress ? ['Ingress', 'Egress'] : ['Egress'];
  return ['Ingress'];
}

function tierOf(name: string, context: ReadContext): Tier | undefined {
  if (name === DEFAULT_TIER_NAME) return undefined;
  const tier = context.tiers.get(name);
  if (tier === undefined) throw new NotModelled(`tier ${name}, whose Tier object is not among the manifests`);
  if (typeof tier === 'string') throw new NotModelled(`tier ${name}: ${tier}`);
  return tier;
}

function readSubject(spec: Record<string, any>, cluster: boolean, context: ReadContext): PolicyIntent['subject'] {
  const text = String(spec.selector ?? '');
  const { pods, podsOnly } = readEndpointSelector(text);
  // A NetworkPolicy's selector sees only its namespace's pods; a GlobalNetworkPolicy's also hosts.
  if (cluster && !podsOnly) context.checkNotNonPod(pods, text);
  const namespaces = cluster && spec.namespaceSelector !== undefined ? readNamespaceSelector(String(spec.namespaceSelector)) : undefined;
  return { pods, ...(namespaces !== undefined && namespaces !== 'all' && { namespaces }) };
}

function readContext(manifests: readonly Manifest[]): ReadContext {
  const tiers = new Map<string, Tier | string>(BUILT_IN_TIERS.map((tier) => [tier.name, tier]));
  for (const manifest of manifests) {
    if (manifest.apiVersion !== CALICO_API_VERSION || manifest.kind !== CALICO_KINDS.tier) continue;
    const name = manifest.metadata.name;
    const read = readTier(manifest);
    const earlier = tiers.get(name);
    if (name === DEFAULT_TIER_NAME || BUILT_IN_TIERS.includes(earlier as Tier)) continue;
    tiers.set(name, earlier === undefined || JSON.stringify(earlier) === JSON.stringify(read) ? read : 'two different Tier objects');
  }
  const nonPods = manifests
    .filter((manifest) => manifest.apiVersion === CALICO_API_VERSION && NON_POD_KINDS.includes(manifest.kind))
    .map((manifest) => ({ source: policySource(manifest), labels: (manifest.metadata.labels ?? {}) as Labels }));
  return {
    tiers,
    checkNotNonPod: (selector, text) => {
      const matched = nonPods.find(({ labels }) => selectorMatches(selector, labels));
      if (matched) throw new NotModelled(`selector "${text}" matches ${matched.source}, which the analysis does not model`);
    },
  };
}

function readTier(manifest: Manifest): Tier | string {
  const [problem] = calicoProblems(manifest);
  if (problem) return `an invalid Tier object (${problem})`;
  const { order, defaultAction = 'Deny' } = (manifest.spec ?? {}) as Record<string, unknown>;
  if (order !== undefined && (typeof order !== 'number' || !Number.isFinite(order))) return `order ${JSON.stringify(order)}`;
  if (defaultAction !== 'Deny' && defaultAction !== 'Pass') return `default action ${JSON.stringify(defaultAction)}`;
  return { name: manifest.metadata.name, order: order ?? LAST_TIER_ORDER, defaultAction: defaultAction === 'Pass' ? 'pass' : 'deny' };
}
