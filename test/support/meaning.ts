// Intents in a canonical form, so that two sets of intents that mean the same compare equal:
// what a dialect splits (one rule per peer and protocol) or spells differently (namespace names
// as labels, an entity as its CIDRs) is normalised away; what changes meaning (scope, subject,
// isolation, tier, order, the order of rules with different actions) is kept.
import { compactSelector, selectsEverything } from '../../lib/model/selector';
import { NamespaceSelection, namespaceSelector, Peer } from '../../lib/model/peer';
import { PolicyIntent, Port, Rule } from '../../lib';

// A namespace selector that selects everything is 'all'; names are the label that carries them.
function namespaces(selection: NamespaceSelection | undefined): unknown {
  if (selection === undefined || selection === 'all') return selection;
  const selector = compactSelector(namespaceSelector(selection));
  return selectsEverything(selector) ? 'all' : { selector };
}

function peers(peer: Peer): unknown[] {
  switch (peer.kind) {
    case 'pods':
      if (peer.namespaces !== undefined && selectsEverything(peer.pods)) return [{ kind: 'namespaces', namespaces: namespaces(peer.namespaces) }];
      return [{ kind: 'pods', pods: compactSelector(peer.pods), namespaces: namespaces(peer.namespaces) }];
    case 'namespaces':
      return [{ kind: 'namespaces', namespaces: namespaces(peer.namespaces) }];
    case 'entity':
      return peer.cidrs ? peer.cidrs.map((cidr) => ({ kind: 'cidr', cidr })) : [peer];
    case 'serviceAccount':
      return [{ ...peer, ...(peer.names && { names: [...new Set(peer.names)].sort() }), ...(peer.selector && { selector: compactSelector(peer.selector) }), namespaces: namespaces(peer.namespaces) }];
    default:
      return [peer];
  }
}

function port(value: Port): Port {
  const { endPort, ...rest } = value;
  return { ...rest, ...(endPort !== undefined && endPort !== value.port && { endPort }) };
}

// JSON with object keys sorted, so that the order fields were written in does not matter.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, field) =>
    field && typeof field === 'object' && !Array.isArray(field) ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : 1))) : field,
  );
}

// One block per run of rules with one action: within it, which rule matches does not matter.
function blocks(rules: readonly Rule[]): { action: string; atoms: string[] }[] {
  const result: { action: string; atoms: Set<string> }[] = [];
  for (const rule of rules) {
    const atoms = (rule.peers.length > 0 ? rule.peers.flatMap(peers) : ['any']).flatMap((peer) =>
      (rule.ports.length > 0 ? rule.ports.map(port) : ['any']).map((each) => canonical({ peer, port: each })),
    );
    const last = result[result.length - 1];
    if (last?.action === rule.action) atoms.forEach((atom) => last.atoms.add(atom));
    else result.push({ action: rule.action, atoms: new Set(atoms) });
  }
  return result.map(({ action, atoms }) => ({ action, atoms: [...atoms].filter((atom) => !subsumed(atom, atoms)).sort() }));
}

// An atom is covered by another of its peer with every port, or every port of its protocol.
function subsumed(atom: string, atoms: Set<string>): boolean {
  const { peer, port: each } = JSON.parse(atom);
  if (each === 'any') return false;
  const wider = [canonical({ peer, port: 'any' }), ...(each.port !== undefined || each.icmpType !== undefined ? [canonical({ peer, port: { protocol: each.protocol } })] : [])];
  return wider.some((candidate) => atoms.has(candidate));
}

/** An intent's meaning, in a form that compares equal exactly when two intents mean the same. */
export function intentMeaning(intent: PolicyIntent): unknown {
  return {
    scope: intent.scope,
    subject: { pods: compactSelector(intent.subject.pods), namespaces: namespaces(intent.subject.namespaces) ?? 'all' },
    isolate: [...intent.isolate].sort(),
    tier: intent.tier && { ...intent.tier, defaultAction: intent.tier.defaultAction ?? 'deny' },
    order: intent.order,
    ingress: blocks(intent.rules.filter((rule) => rule.direction === 'ingress')),
    egress: blocks(intent.rules.filter((rule) => rule.direction === 'egress')),
  };
}
