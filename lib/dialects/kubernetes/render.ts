import { NetpolError, Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { namespaceSelector, Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { Direction, Rule } from '../../model/rule';
import { compactSelector as selector } from '../../model/selector';
import { capabilityProblems, whereOf } from '../capabilities';
import { DESCRIPTION_ANNOTATION, Manifest } from '../manifest';

// networking.k8s.io/v1 NetworkPolicy: allow rules only, additive, namespaced (DIALECTS.md §1).

const POLICY_TYPES: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

/** Renders intents as NetworkPolicies; throws a NetpolError listing every intent Kubernetes cannot express exactly. */
export function renderKubernetes(intents: readonly PolicyIntent[]): Manifest[] {
  const problems = intents.flatMap((intent) => [...capabilityProblems(intent, 'kubernetes'), ...isolatesNothing(intent)]);
  if (problems.length > 0) throw new NetpolError(problems);
  return intents.map(renderPolicy);
}

// The API server defaults an empty policyTypes to Ingress (SetDefaults_NetworkPolicy), so a policy
// that isolates nothing would isolate ingress: it has no NetworkPolicy form.
function isolatesNothing(intent: PolicyIntent): Problem[] {
  if (intent.isolate.length > 0) return [];
  return [{ where: whereOf(intent), field: 'isolate', message: 'a NetworkPolicy that isolates no direction is read as isolating ingress (empty policyTypes default to Ingress): isolate a direction, or leave the policy out' }];
}

function renderPolicy(intent: PolicyIntent): Manifest {
  // The capability check has ruled out cluster scope, order, tiers and every non-allow action.
  const namespace = (intent.scope as { namespace: string }).namespace;
  const directions = (['ingress', 'egress'] as const).filter((direction) => intent.isolate.includes(direction));
  const spec: Record<string, unknown> = {
    podSelector: selector(intent.subject.pods),
    // Always explicit: when absent, the API server defaults it from the rules present.
    policyTypes: directions.map((direction) => POLICY_TYPES[direction]),
  };
  for (const direction of directions) {
    const rules = intent.rules.filter((rule) => rule.direction === direction);
    if (rules.length > 0) spec[direction] = rules.map((rule) => renderRule(rule));
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: intent.name,
      namespace,
      ...(intent.description && { annotations: { [DESCRIPTION_ANNOTATION]: intent.description } }),
    },
    spec,
  };
}

// A rule with no peers and no ports renders as {}: it allows everything in its direction.
function renderRule(rule: Rule): Record<string, unknown> {
  const peersField = rule.direction === 'ingress' ? 'from' : 'to';
  return {
    ...(rule.peers.length > 0 && { [peersField]: rule.peers.flatMap(renderPeer) }),
    ...(rule.ports.length > 0 && { ports: rule.ports.map(renderPort) }),
  };
}

function renderPeer(peer: Peer): Record<string, unknown>[] {
  switch (peer.kind) {
    case 'pods':
      return [{ podSelector: selector(peer.pods), ...(peer.namespaces && { namespaceSelector: selector(namespaceSelector(peer.namespaces)) }) }];
    case 'namespaces':
      return [{ namespaceSelector: selector(namespaceSelector(peer.namespaces)) }];
    case 'cidr':
      return [{ ipBlock: { cidr: peer.cidr, ...(peer.except && peer.except.length > 0 && { except: peer.except }) } }];
    case 'entity':
      // Only entities with CIDRs pass the capability check: the CIDRs are what the intent means here.
      return (peer.cidrs ?? []).map((cidr) => ({ ipBlock: { cidr } }));
    default:
      throw new Error(`unreachable: the capability check refuses ${peer.kind} peers`);
  }
}

function renderPort(port: Port): Record<string, unknown> {
  return { protocol: port.protocol, ...(port.port !== undefined && { port: port.port }), ...(port.endPort !== undefined && { endPort: port.endPort }) };
}
