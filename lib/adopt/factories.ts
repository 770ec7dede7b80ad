import { NamespaceSelection, Peer } from '../model/peer';
import { Port } from '../model/port';
import { LabelSelector } from '../model/selector';
import { Code, literal } from './source-text';

// The Peer and Port factory calls that build a model value: what a person would write in place of the data.

/** A selector as a builder takes it: `{ app: 'web' }` when it has only labels, else the selector itself. */
export function selectorCode(selector: LabelSelector): string {
  const keys = Object.keys(selector);
  const labels = selector.matchLabels ?? {};
  if (keys.length === 1 && keys[0] === 'matchLabels' && Object.keys(labels).length > 0) return literal(labels);
  return literal(selector);
}

/** A namespace selection as `NamespacesInput`: a list of names, 'all', or `{ selector }`. */
export function namespacesCode(selection: NamespaceSelection): string {
  if (selection === 'all') return literal('all');
  if ('names' in selection) return literal(selection.names);
  return literal({ selector: selection.selector });
}

/** The factory call that makes a peer. */
export function peerCode(peer: Peer): Code {
  switch (peer.kind) {
    case 'pods':
      return new Code(`Peer.pods(${[selectorCode(peer.pods), ...(peer.namespaces !== undefined ? [namespacesCode(peer.namespaces)] : [])].join(', ')})`);
    case 'namespaces': {
      const { namespaces } = peer;
      if (namespaces === 'all') return new Code('Peer.allNamespaces()');
      if ('names' in namespaces) return new Code(`Peer.namespace(${namespaces.names.map((name) => literal(name)).join(', ')})`);
      return new Code(`Peer.namespacesWithLabels(${selectorCode(namespaces.selector)})`);
    }
    case 'cidr':
      return new Code(`Peer.cidr(${[literal(peer.cidr), ...(peer.except ? [literal(peer.except)] : [])].join(', ')})`);
    case 'entity':
      return new Code(`Peer.entity(${[literal(peer.entity), ...(peer.cidrs ? [literal(peer.cidrs)] : [])].join(', ')})`);
    case 'fqdn':
      return new Code(`Peer.fqdn(${literal(peer.pattern)})`);
    case 'serviceAccount':
      return new Code(
        `Peer.serviceAccount(${literal({
          names: peer.names,
          selector: peer.selector && new Code(selectorCode(peer.selector)),
          namespaces: peer.namespaces !== undefined ? new Code(namespacesCode(peer.namespaces)) : undefined,
        })})`,
      );
  }
}

const PORT_FACTORY = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp', ICMP: 'icmp', ICMPv6: 'icmpv6' } as const;

/** The factory call that makes a port. */
export function portCode(port: Port): Code {
  const factory = `Port.${PORT_FACTORY[port.protocol]}`;
  if (port.protocol === 'ICMP' || port.protocol === 'ICMPv6') {
    const args = port.icmpType === undefined ? [] : [port.icmpType, ...(port.icmpCode !== undefined ? [port.icmpCode] : [])];
    return new Code(`${factory}(${args.join(', ')})`);
  }
  if (port.port === undefined) return new Code(`Port.all(${literal(port.protocol)})`);
  return new Code(`${factory}(${[literal(port.port), ...(port.endPort !== undefined ? [literal(port.endPort)] : [])].join(', ')})`);
}
