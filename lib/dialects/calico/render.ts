import { NetpolError, Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { Direction, DIRECTIONS } from '../../model/rule';
import { capabilityProblems, whereOf } from '../capabilities';
import { DESCRIPTION_ANNOTATION, Manifest } from '../manifest';
import { CALICO_API_VERSION, CALICO_KINDS, DEFAULT_TIER_NAME } from './kinds';
import { renderRules } from './rules';
import { calicoSelector, namespaceSelector, podSelector } from './selector';
import { renderTier, tiersOf } from './tiers';
import { calicoProblems } from './validate';

// projectcalico.org/v3 NetworkPolicy (namespaced intents), GlobalNetworkPolicy (cluster-wide) and
// Tier (every tier but the default one), DIALECTS.md §2.
//
// Isolation: a Calico policy applies in the directions of its `types`, and a tier in which a policy
// applied but no rule decided ends in the tier's default action (deny for the default tier): that
// is the model's `isolate`, so `types` is exactly the isolated directions, always written out
// (unlike Kubernetes, Calico defaults an egress-only policy to egress only). Rules in a direction
// the intent does not isolate would allow without isolating, which the capability check refuses.

const TYPES: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

/** Renders intents as Calico policies and tiers; throws a NetpolError listing every intent Calico cannot express exactly. */
export function renderCalico(intents: readonly PolicyIntent[]): Manifest[] {
  const { tiers, problems: tierProblems } = tiersOf(intents);
  const problems = [...intents.flatMap((intent) => [...capabilityProblems(intent, 'calico'), ...directionProblems(intent)]), ...tierProblems];
  if (problems.length > 0) throw new NetpolError(problems);
  const rendered = [
    ...tiers.map(({ tier, intent }) => ({ manifest: renderTier(tier), intent })),
    ...intents.map((intent) => ({ manifest: renderPolicy(intent), intent })),
  ];
  // Calico's CRD checks neither selectors, ports nor CIDRs: check what Calico's validator would.
  const invalid = rendered.flatMap(({ manifest, intent }) =>
    calicoProblems(manifest).map((message): Problem => ({ where: whereOf(intent), field: '', message: `Calico would reject ${manifest.kind} ${manifest.metadata.name}: ${message}` })),
  );
  if (invalid.length > 0) throw new NetpolError(invalid);
  return rendered.map(({ manifest }) => manifest);
}

/**
 * The policy's name. Up to Calico 3.31 a policy in a tier other than the default one must be named
 * `<tier>.<name>`; 3.32 accepts any name, `<tier>.<name>` included (DIALECTS.md §2.5), so that
 * name works on both. The default tier's policies keep their own name.
 */
export function calicoPolicyName(intent: PolicyIntent): string {
  return intent.tier ? `${intent.tier.name}.${intent.name}` : intent.name;
}

function directionProblems(intent: PolicyIntent): Problem[] {
  if (intent.isolate.length > 0 || intent.rules.length > 0) return [];
  return [{ where: whereOf(intent), field: 'isolate', message: 'a Calico policy applies in at least one direction: isolate a direction or add a rule' }];
}

function renderPolicy(intent: PolicyIntent): Manifest {
  const cluster = intent.scope === 'cluster';
  const directions = DIRECTIONS.filter((direction) => intent.isolate.includes(direction));
  const { pods, namespaces } = intent.subject;
  const spec: Record<string, unknown> = {
    tier: intent.tier?.name ?? DEFAULT_TIER_NAME,
    ...(intent.order !== undefined && { order: intent.order }),
    // A GlobalNetworkPolicy selects host endpoints too unless its selector says pods only; a
    // NetworkPolicy only ever selects the pods of its namespace.
    selector: cluster ? podSelector(pods) : calicoSelector(pods),
    ...(namespaces !== undefined && namespaces !== 'all' && { namespaceSelector: namespaceSelector(namespaces) }),
    types: directions.map((direction) => TYPES[direction]),
  };
  for (const direction of directions) {
    const rules = intent.rules.filter((rule) => rule.direction === direction).flatMap(renderRules);
    if (rules.length > 0) spec[direction] = rules;
  }
  return {
    apiVersion: CALICO_API_VERSION,
    kind: cluster ? CALICO_KINDS.globalPolicy : CALICO_KINDS.policy,
    metadata: {
      name: calicoPolicyName(intent),
      ...(!cluster && { namespace: (intent.scope as { namespace: string }).namespace }),
      ...(intent.description && { annotations: { [DESCRIPTION_ANNOTATION]: intent.description } }),
    },
    spec,
  };
}
