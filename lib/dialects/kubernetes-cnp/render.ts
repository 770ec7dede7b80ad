import { NetpolError, Problem } from '../../model/errors';
import { FEATURES, featuresOf } from '../../model/features';
import { PolicyIntent } from '../../model/intent';
import { namespaceSelector } from '../../model/peer';
import { Direction, Rule } from '../../model/rule';
import { compactSelector as selector, selectsEverything } from '../../model/selector';
import { CAPABILITIES, capabilityProblems, dialectsWith, unsupported, whereOf } from '../capabilities';
import { renderKubernetes } from '../kubernetes/render';
import { DESCRIPTION_ANNOTATION, Manifest, RenderOptions } from '../manifest';
import { ANP_KIND, ApiTarget, BANP_KIND, BANP_NAME, ClusterTier, CNP_KIND, EVERY_ADDRESS } from './api';
import { isDnsCompanion, ownNamespaces, renderAnpPorts, renderPeers, renderProtocols } from './rule-parts';
import { placementOf, rank, Ranked, tierProblems } from './tiers';

// Intents as NetworkPolicies (the default tier) between Admin and Baseline cluster policies
// (DIALECTS.md §9.5): v1alpha2 ClusterNetworkPolicy, or v1alpha1 AdminNetworkPolicy and the
// singleton BaselineAdminNetworkPolicy.


const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** Objects built, and what of the intents they could not express. */
interface Built<T> {
  readonly value: T;
  readonly problems: Problem[];
}

/** Renders intents for one API version; throws a NetpolError listing everything it cannot express exactly. */
export function renderClusterPolicies(target: ApiTarget, given: readonly PolicyIntent[], options: RenderOptions = {}): Manifest[] {
  const intents = given.map(withoutDnsCompanionMatch);
  const problems: Problem[] = tierProblems(intents);
  const networkPolicies: PolicyIntent[] = [];
  const tiers: Record<ClusterTier, Ranked[]> = { Admin: [], Baseline: [] };
  for (const intent of intents) {
    const placement = placementOf(intent);
    if (typeof placement === 'string') {
      problems.push({ where: whereOf(intent), field: intent.tier ? 'tier' : 'scope', message: placement });
    } else if (placement.kind === 'network-policy') {
      problems.push(...defaultTierProblems(intent, target));
      // Default-tier policies only allow, so their order changes nothing.
      networkPolicies.push({ ...intent, order: undefined });
    } else {
      problems.push(...capabilityProblems(intent, target.dialect));
      const tier: ClusterTier = placement.kind === 'cluster' ? placement.tier : 'Baseline';
      if (placement.kind === 'cluster') tiers[tier].push({ intent, stage: 1 });
      // A default-tier isolation decides before any later tier; a tier's own isolation, after its policies.
      const isolating = placement.kind === 'cluster-default-deny' || (intent.tier?.defaultAction ?? 'deny') === 'deny';
      if (isolating && intent.isolate.length > 0) {
        problems.push(...ingressIsolationProblems(intent));
        tiers[tier].push({ intent, stage: placement.kind === 'cluster' ? 2 : 0 });
      }
    }
  }
  const objects: Built<Manifest[]> = target.accept === 'Accept' ? renderCnps(target, tiers, options) : renderAnps(target, tiers, options);
  problems.push(...objects.problems);
  problems.push(...duplicateNames(objects.value));
  if (problems.length > 0) throw new NetpolError(problems);
  return [...renderKubernetes(networkPolicies), ...objects.value];
}

// Cilium's DNS proxy rule that FQDN peers bring allows every name: here it is the DNS Accept they need.
function withoutDnsCompanionMatch(intent: PolicyIntent): PolicyIntent {
  if (!intent.rules.some(isDnsCompanion)) return intent;
  return { ...intent, rules: intent.rules.map((rule) => (isDnsCompanion(rule) ? { ...rule, dns: undefined } : rule)) };
}

// The default tier is NetworkPolicy: what Kubernetes expresses, and nothing more.
function defaultTierProblems(intent: PolicyIntent, target: ApiTarget): Problem[] {
  return featuresOf(intent)
    .filter((use) => use.feature !== 'order' && !CAPABILITIES.kubernetes.includes(use.feature))
    .map((use) => {
      const problem = unsupported(intent, use.field, `${FEATURES[use.feature]} in the default tier (a NetworkPolicy)`, target.dialect, dialectsWith(use.feature).filter((name) => name !== target.dialect));
      return { ...problem, message: `${problem.message}; here, put the policy in a tier before the default tier (Admin) or after it (Baseline)` };
    });
}

// An ingress Deny-all is `from: namespaces: {}`, which misses nodes, host-network pods and traffic
// from outside the cluster: not the isolation the intent means (DIALECTS.md §9.5).
function ingressIsolationProblems(intent: PolicyIntent): Problem[] {
  if (!intent.isolate.includes('ingress')) return [];
  return [{
    where: whereOf(intent),
    field: 'isolate',
    message: 'ingress isolation has no exact cluster-tier form: a Deny-all from every namespace misses nodes, host-network pods and traffic from outside the cluster; isolate ingress in namespaced policies, deny from Peer.allNamespaces() if only pods are meant (ClusterDefaultDeny: ingressFromPodsOnly), or use the calico dialect',
  }];
}

/** Where an object of a cluster tier comes from: the intent's name, with its namespace when namespaced. */
function baseName(intent: PolicyIntent): string {
  return intent.scope === 'cluster' ? intent.name : `${intent.scope.namespace}.${intent.name}`;
}

function subjectOf(intent: PolicyIntent): Record<string, unknown> {
  const namespaces = selector(namespaceSelector(intent.scope === 'cluster' ? (intent.subject.namespaces ?? 'all') : ownNamespaces(intent)));
  if (selectsEverything(intent.subject.pods)) return { namespaces };
  return { pods: { namespaceSelector: namespaces, podSelector: selector(intent.subject.pods) } };
}

function metadataOf(name: string, intent: PolicyIntent): Manifest['metadata'] {
  return { name, ...(intent.description && { annotations: { [DESCRIPTION_ANNOTATION]: intent.description } }) };
}

/** The rules of one ranked object, by direction, in the target's form. */
function rulesOf(target: ApiTarget, object: Ranked, options: RenderOptions): Built<Record<Direction, Record<string, unknown>[]>> {
  const where = whereOf(object.intent);
  const problems: Problem[] = [];
  const problem = (field: string, message: string) => problems.push({ where, field, message });
  const rules: Record<Direction, Record<string, unknown>[]> = { ingress: [], egress: [] };
  if (object.stage !== 1) {
    // A Deny-all: egress to every address (exact); ingress isolation was refused above.
    if (object.intent.isolate.includes('egress')) rules.egress.push({ name: 'default-deny', action: 'Deny', to: [{ networks: [...EVERY_ADDRESS] }] });
    return { value: rules, problems };
  }
  object.intent.rules.forEach((rule, index) => {
    const peers = renderPeers(object.intent, rule, index, options.experimental === true);
    const ports = target.accept === 'Accept' ? renderProtocols(rule, index) : renderAnpPorts(rule, index);
    [...peers.problems, ...ports.problems].forEach((part) => problem(part.field, part.message));
    for (const [what, count] of [['peers', peers.value.length], ['ports', ports.value.length]] as const) {
      if (count > target.maxItems) problem(`rules[${index}].${what}`, `${count} ${what} in one rule: the API allows at most ${target.maxItems}`);
    }
    rules[rule.direction].push({
      name: ruleName(rule, index),
      action: { allow: target.accept, deny: 'Deny', pass: 'Pass', log: 'Log' }[rule.action],
      [rule.direction === 'ingress' ? 'from' : 'to']: peers.value,
      ...(ports.value.length > 0 && { [target.accept === 'Accept' ? 'protocols' : 'ports']: ports.value }),
    });
  });
  for (const direction of DIRECTIONS) {
    if (rules[direction].length > target.maxItems) problem('rules', `${rules[direction].length} ${direction} rules: the API allows at most ${target.maxItems} per direction`);
  }
  return { value: rules, problems };
}

// A rule's name: its description (the API allows 100 characters), else its direction and position.
function ruleName(rule: Rule, index: number): string {
  return rule.description ? rule.description.slice(0, 100) : `${rule.direction}-${index}`;
}

function objectName(object: Ranked): string {
  return object.stage === 2 ? `${baseName(object.intent)}.default-deny` : baseName(object.intent);
}

function renderCnps(target: ApiTarget, tiers: Record<ClusterTier, Ranked[]>, options: RenderOptions): Built<Manifest[]> {
  const problems: Problem[] = [];
  const manifests = (['Admin', 'Baseline'] as const).flatMap((tier) =>
    rank(tiers[tier]).map((object, priority): Manifest => {
      const rules = rulesOf(target, object, options);
      problems.push(...rules.problems);
      if (priority > 1000) problems.push({ where: whereOf(object.intent), field: 'order', message: `more than 1,001 ${tier} policies: priorities run from 0 to 1000` });
      return {
        apiVersion: target.apiVersion,
        kind: CNP_KIND,
        metadata: metadataOf(objectName(object), object.intent),
        spec: { tier, priority, subject: subjectOf(object.intent), ...directionsOf(rules.value) },
      };
    }),
  );
  return { value: manifests, problems };
}

function directionsOf(rules: Record<Direction, Record<string, unknown>[]>): Record<string, unknown> {
  return Object.fromEntries(DIRECTIONS.filter((direction) => rules[direction].length > 0).map((direction) => [direction, rules[direction]]));
}

// v1alpha1: ANPs carry priorities; every Baseline intent shares the one BANP `default`, so they
// must share its subject, and it has no Pass.
function renderAnps(target: ApiTarget, tiers: Record<ClusterTier, Ranked[]>, options: RenderOptions): Built<Manifest[]> {
  const problems: Problem[] = [];
  const anps = rank(tiers.Admin).map((object, priority): Manifest => {
    const rules = rulesOf(target, object, options);
    problems.push(...rules.problems);
    if (priority > 1000) problems.push({ where: whereOf(object.intent), field: 'order', message: 'more than 1,001 Admin policies: priorities run from 0 to 1000' });
    return { apiVersion: target.apiVersion, kind: ANP_KIND, metadata: metadataOf(objectName(object), object.intent), spec: { priority, subject: subjectOf(object.intent), ...directionsOf(rules.value) } };
  });
  const baseline = rank(tiers.Baseline);
  if (baseline.length === 0) return { value: anps, problems };
  const subject = JSON.stringify(subjectOf(baseline[0].intent));
  const merged: Record<Direction, Record<string, unknown>[]> = { ingress: [], egress: [] };
  for (const object of baseline) {
    const where = whereOf(object.intent);
    if (JSON.stringify(subjectOf(object.intent)) !== subject) {
      problems.push({ where, field: 'subject', message: `v1alpha1 has one BaselineAdminNetworkPolicy, so every Baseline policy needs the subject of ${whereOf(baseline[0].intent)}: give them one subject, or use the kubernetes-cnp dialect` });
    }
    object.intent.rules.forEach((rule, index) => {
      if (object.stage === 1 && rule.action === 'pass') problems.push({ where, field: `rules[${index}].action`, message: 'a BaselineAdminNetworkPolicy has no Pass: use the kubernetes-cnp dialect' });
    });
    const rules = rulesOf(target, object, options);
    problems.push(...rules.problems);
    // Rule names say which policy each came from; a policy named as the BANP itself (one read back) needs no prefix.
    const prefix = objectName(object) === BANP_NAME ? '' : `${objectName(object)}: `;
    for (const direction of DIRECTIONS) merged[direction].push(...rules.value[direction].map((rule) => ({ ...rule, name: `${prefix}${rule.name}`.slice(0, 100) })));
  }
  const banp: Manifest = { apiVersion: target.apiVersion, kind: BANP_KIND, metadata: { name: BANP_NAME }, spec: { subject: JSON.parse(subject), ...directionsOf(merged) } };
  return { value: [...anps, banp], problems };
}

function duplicateNames(manifests: readonly Manifest[]): Problem[] {
  const seen = new Set<string>();
  return manifests.flatMap((manifest) => {
    const key = `${manifest.kind}/${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
    if (!seen.has(key)) return (seen.add(key), []);
    return [{ where: manifest.metadata.name, field: 'name', message: `two ${manifest.kind}s would be named ${manifest.metadata.name}: rename one of the policies` }];
  });
}
