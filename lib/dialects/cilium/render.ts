import { NetpolError } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { Direction, DIRECTIONS, Rule } from '../../model/rule';
import { capabilityProblems } from '../capabilities';
import { Manifest } from '../manifest';
import { ciliumProblems } from './checks';
import { CILIUM_API_VERSION, CLUSTERWIDE_KIND, NAMESPACED_KIND } from './kinds';
import { renderL7 } from './l7';
import { renderPeers } from './peers';
import { renderPorts } from './ports';
import { endpointSelector } from './selector';

// cilium.io/v2 CiliumNetworkPolicy (namespaced) and CiliumClusterwideNetworkPolicy (DIALECTS.md §3):
// allows add up, deny beats every allow, a direction is isolated once a policy has rules in it.

/** Renders intents as CNPs and CCNPs; throws a NetpolError listing every intent Cilium cannot express exactly. */
export function renderCilium(intents: readonly PolicyIntent[]): Manifest[] {
  const problems = [...intents.flatMap((intent) => capabilityProblems(intent, 'cilium')), ...ciliumProblems(intents)];
  if (problems.length > 0) throw new NetpolError(problems);
  // A policy that neither isolates nor has rules does nothing: writing nothing means the same.
  return intents.filter((intent) => intent.rules.length > 0 || intent.isolate.length > 0).map(renderPolicy);
}

function renderPolicy(intent: PolicyIntent): Manifest {
  const cluster = intent.scope === 'cluster';
  // A CNP's subject is confined to its namespace by Cilium; a CCNP's covers the pods of its
  // namespaces (all of them by the namespace key, so that Cilium's own endpoints stay out).
  const subject = cluster ? endpointSelector({ pods: intent.subject.pods, namespaces: intent.subject.namespaces ?? 'all' }) : endpointSelector({ pods: intent.subject.pods });
  const spec: Record<string, unknown> = { endpointSelector: subject, ...(intent.description && { description: intent.description }) };
  const keepOpen: Partial<Record<Direction, false>> = {};
  for (const direction of DIRECTIONS) {
    const rules = intent.rules.filter((rule) => rule.direction === direction);
    const allows = rules.filter((rule) => rule.action === 'allow');
    const denies = rules.filter((rule) => rule.action === 'deny');
    const isolated = intent.isolate.includes(direction);
    if (allows.length > 0) spec[direction] = allows.flatMap(renderRule);
    // A direction with rules is isolated unless told otherwise; one without rules needs an empty rule,
    // which selects no peer: enableDefaultDeny alone did not isolate it in Cilium 1.16.
    else if (isolated && denies.length === 0) spec[direction] = [{}];
    if (denies.length > 0) spec[`${direction}Deny`] = denies.flatMap(renderRule);
    if (!isolated && rules.length > 0) keepOpen[direction] = false;
  }
  if (Object.keys(keepOpen).length > 0) spec.enableDefaultDeny = keepOpen;
  return {
    apiVersion: CILIUM_API_VERSION,
    kind: cluster ? CLUSTERWIDE_KIND : NAMESPACED_KIND,
    metadata: { name: intent.name, ...(!cluster && { namespace: (intent.scope as { namespace: string }).namespace }) },
    spec,
  };
}

// One Cilium rule per kind of peer and per kind of L4 match (ports or ICMP): Cilium mixes neither.
function renderRule(rule: Rule): Record<string, unknown>[] {
  const l4 = renderPorts(rule.ports, renderL7(rule));
  return renderPeers(rule.direction, rule.peers).flatMap((l3) => l4.map((part) => ({ ...l3, ...part })));
}
