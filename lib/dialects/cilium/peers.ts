import { Peer } from '../../model/peer';
import { Direction } from '../../model/rule';
import { fqdnSelector } from './l7';
import { endpointSelector } from './selector';

/**
 * The L3 parts of a rule: one object per peer kind (`fromEndpoints`, `fromCIDRSet`, ...), in the
 * order the kinds first appear, since Cilium rejects a rule that mixes two kinds. No peers (any
 * peer) is the `all` entity: an empty rule would select nothing.
 */
export function renderPeers(direction: Direction, peers: readonly Peer[]): Record<string, unknown[]>[] {
  const prefix = direction === 'ingress' ? 'from' : 'to';
  if (peers.length === 0) return [{ [`${prefix}Entities`]: ['all'] }];
  const groups = new Map<string, unknown[]>();
  for (const peer of peers) {
    const [kind, value] = renderPeer(peer);
    const field = `${prefix}${kind}`;
    groups.set(field, [...(groups.get(field) ?? []), value]);
  }
  return [...groups].map(([field, values]) => ({ [field]: values }));
}

function renderPeer(peer: Peer): [string, unknown] {
  switch (peer.kind) {
    case 'pods':
      return ['Endpoints', endpointSelector({ pods: peer.pods, namespaces: peer.namespaces })];
    case 'namespaces':
      return ['Endpoints', endpointSelector({ namespaces: peer.namespaces })];
    case 'serviceAccount':
      // The capability check refuses service accounts selected by their labels, so names are given.
      if (!peer.names) throw new Error('unreachable: the capability check refuses service-account selectors');
      return ['Endpoints', endpointSelector({ serviceAccounts: peer.names, namespaces: peer.namespaces })];
    case 'cidr':
      return ['CIDRSet', { cidr: peer.cidr, ...(peer.except && peer.except.length > 0 && { except: peer.except }) }];
    case 'entity':
      // Cilium knows the entity; the CIDRs are only for dialects that do not.
      return ['Entities', peer.entity];
    case 'fqdn':
      return ['FQDNs', fqdnSelector(peer.pattern)];
  }
}
