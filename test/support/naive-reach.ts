// A naive evaluator, written apart from lib/analysis to check it: for one pod pair and one
// protocol/port, read the intents directly as policyIntentSchema's doc comment says (isolation,
// tiers and order, first matching allow/deny/pass, allows without order adding up). It answers
// only "may some connection on this port pass" (an L7-restricted allow counts as passing).
import { DEFAULT_TIER_ORDER, NamespaceSelection, Peer, PolicyIntent, Port, Rule, selectorMatches } from '../../lib';
import { Workload, Workloads } from '../../lib/analysis/workloads';

/** One connection to probe: a protocol and a port number. */
export interface Probe {
  /** The protocol. */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** The destination port. */
  readonly port: number;
}

/** Whether `source` may open some connection of `probe` to `destination` (both pods). */
export function naiveAllows(intents: readonly PolicyIntent[], workloads: Workloads, source: Workload, destination: Workload, probe: Probe): boolean {
  const side = (direction: Rule['direction'], subject: Workload, peer: Workload) => directionAllows(intents, workloads, direction, subject, peer, destination, probe);
  return side('egress', source, destination) && side('ingress', destination, source);
}

function directionAllows(intents: readonly PolicyIntent[], workloads: Workloads, direction: Rule['direction'], subject: Workload, peer: Workload, destination: Workload, probe: Probe): boolean {
  const applying = intents.filter((intent) => selects(intent, workloads, subject) && (intent.isolate.includes(direction) || intent.rules.some((rule) => rule.direction === direction)));
  const tierOrder = (intent: PolicyIntent) => intent.tier?.order ?? DEFAULT_TIER_ORDER;
  const tiers = [...new Set(applying.map(tierOrder))].sort((a, b) => a - b);
  for (const tier of tiers) {
    const inTier = applying
      .filter((intent) => tierOrder(intent) === tier)
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let passed = false;
    for (const intent of inTier) {
      for (const rule of intent.rules) {
        if (rule.direction !== direction || rule.action === 'log') continue;
        if (!ruleMatches(intent, rule, workloads, peer, destination, probe)) continue;
        if (rule.action === 'allow') return true;
        if (rule.action === 'deny') return false;
        passed = true;
        break;
      }
      if (passed) break;
    }
    if (passed) continue;
    if (inTier.some((intent) => intent.isolate.includes(direction))) return inTier.find((intent) => intent.tier)?.tier?.defaultAction === 'pass';
  }
  return true;
}

function selects(intent: PolicyIntent, workloads: Workloads, pod: Workload): boolean {
  if (!selectorMatches(intent.subject.pods, pod.labels)) return false;
  if (intent.scope !== 'cluster' && intent.scope.namespace !== pod.namespace) return false;
  return !intent.subject.namespaces || inNamespaces(intent.subject.namespaces, workloads, pod);
}

function inNamespaces(selection: NamespaceSelection, workloads: Workloads, pod: Workload): boolean {
  if (selection === 'all') return true;
  if ('names' in selection) return selection.names.includes(pod.namespace);
  const labels = workloads.namespaces.find((namespace) => namespace.name === pod.namespace)?.labels ?? {};
  return selectorMatches(selection.selector, labels);
}

function ruleMatches(intent: PolicyIntent, rule: Rule, workloads: Workloads, peer: Workload, destination: Workload, probe: Probe): boolean {
  const peerOk = rule.peers.length === 0 || rule.peers.some((candidate) => peerMatches(intent, candidate, workloads, peer));
  const portOk = rule.ports.length === 0 || rule.ports.some((port) => portMatches(port, destination, probe));
  return peerOk && portOk;
}

function peerMatches(intent: PolicyIntent, peer: Peer, workloads: Workloads, pod: Workload): boolean {
  const own: NamespaceSelection = intent.scope === 'cluster' ? 'all' : { names: [intent.scope.namespace] };
  switch (peer.kind) {
    case 'pods':
      return inNamespaces(peer.namespaces ?? own, workloads, pod) && selectorMatches(peer.pods, pod.labels);
    case 'namespaces':
      return inNamespaces(peer.namespaces, workloads, pod);
    case 'serviceAccount': {
      const account = workloads.serviceAccounts.find((candidate) => candidate.namespace === pod.namespace && candidate.name === pod.serviceAccount);
      const named = !peer.names || peer.names.includes(pod.serviceAccount);
      const labelled = !peer.selector || selectorMatches(peer.selector, account?.labels ?? {});
      return inNamespaces(peer.namespaces ?? own, workloads, pod) && named && labelled;
    }
    case 'entity':
      // Of the entities, only cluster and all contain pods.
      return peer.entity === 'cluster' || peer.entity === 'all';
    case 'cidr':
    case 'fqdn':
      return false;
  }
}

function portMatches(port: Port, destination: Workload, probe: Probe): boolean {
  if (port.protocol !== probe.protocol) return false;
  if (port.port === undefined) return true;
  if (typeof port.port === 'string') return destination.ports.some((container) => container.name === port.port && container.protocol === probe.protocol && container.port === probe.port);
  return port.port <= probe.port && probe.port <= (port.endPort ?? port.port);
}
