// The meaning of a set of intents as comparable data: every (policy, direction, action, one peer,
// one port, L7 matches) a rule matches, and every isolated direction. Grouping (how peers and ports
// are split over rules), order among allows and descriptions do not change what intents mean.
import { NAMESPACE_NAME_LABEL, NamespaceSelection, Peer, PolicyIntent, Port } from '../../../lib';
import { compactSelector, LabelSelector, selectsEverything } from '../../../lib/model/selector';

/** The meaning of intents, as sorted unique strings. */
export function meaning(intents: readonly PolicyIntent[]): string[] {
  const atoms = new Set<string>();
  // Rule matches by everything but the peer; an "any" peer covers every other of the same match.
  const peersByMatch = new Map<string, Set<string>>();
  for (const intent of intents) {
    const policy = {
      name: intent.name,
      scope: intent.scope,
      pods: compactSelector(intent.subject.pods),
      namespaces: intent.subject.namespaces && intent.subject.namespaces !== 'all' ? namespaces(intent.subject.namespaces) : 'all',
    };
    for (const direction of intent.isolate) atoms.add(JSON.stringify({ ...policy, isolate: direction }));
    for (const rule of intent.rules) {
      const l7 = { http: rule.http, dns: rule.dns?.map((match) => match.pattern) };
      const peers = rule.peers.length > 0 ? rule.peers.map(normalPeer) : ['any'];
      for (const port of rule.ports.length > 0 ? rule.ports.map(normalPort) : ['all']) {
        const match = JSON.stringify({ ...policy, direction: rule.direction, action: rule.action, port, ...l7 });
        const known = peersByMatch.get(match) ?? new Set<string>();
        peers.forEach((peer) => known.add(JSON.stringify(peer)));
        peersByMatch.set(match, known);
      }
    }
  }
  for (const [match, peers] of peersByMatch) {
    for (const peer of peers.has('"any"') ? ['"any"'] : peers) atoms.add(`${match} ${peer}`);
  }
  return [...atoms].sort();
}

// A range of one port is that port.
function normalPort(port: Port): Port {
  const { endPort, ...rest } = port;
  return endPort === undefined || endPort === port.port ? rest : port;
}

// Entities stand for themselves (their CIDRs are for other dialects); `all` is any peer; pods {} in
// some namespaces are those namespaces; namespaces by name are a selector over their name label.
function normalPeer(peer: Peer): unknown {
  switch (peer.kind) {
    case 'entity':
      return peer.entity === 'all' ? 'any' : { entity: peer.entity };
    case 'pods': {
      const pods = compactSelector(peer.pods);
      if (Object.keys(pods).length === 0 && peer.namespaces) return { namespaces: namespaces(peer.namespaces) };
      return { pods, namespaces: peer.namespaces ? namespaces(peer.namespaces) : 'own' };
    }
    case 'namespaces':
      return { namespaces: namespaces(peer.namespaces) };
    case 'serviceAccount':
      return { serviceAccounts: peer.names, namespaces: peer.namespaces ? namespaces(peer.namespaces) : 'own' };
    default:
      return peer;
  }
}

function namespaces(selection: NamespaceSelection): LabelSelector | 'all' {
  if (selection === 'all') return 'all';
  if ('selector' in selection) return selectsEverything(selection.selector) ? 'all' : compactSelector(selection.selector);
  if (selection.names.length === 1) return { matchLabels: { [NAMESPACE_NAME_LABEL]: selection.names[0] } };
  return { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: selection.names }] };
}
