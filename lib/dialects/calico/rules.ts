import { parseCidr } from '../../model/cidr';
import { Peer } from '../../model/peer';
import { hasPorts, Port } from '../../model/port';
import { Rule } from '../../model/rule';
import { DESCRIPTION_ANNOTATION } from '../manifest';
import { calicoSelector, namespaceSelector, podSelector, POD_TERM } from './selector';

// One model rule as Calico rules. All fields of a Calico rule are ANDed, so a rule with N peers
// and M protocols becomes up to N x M Calico rules (as Calico's own Kubernetes converter does,
// DIALECTS.md §2.3, §8.6), and a peer with CIDRs of both IP families one rule per family. They
// all carry the model rule's action, so together they match exactly what it matches.

type Fields = Record<string, unknown>;

const ACTIONS: Record<Rule['action'], string> = { allow: 'Allow', deny: 'Deny', pass: 'Pass', log: 'Log' };

/** A model rule as the Calico rules that together mean the same. */
export function renderRules(rule: Rule): Fields[] {
  const peers = rule.peers.length > 0 ? rule.peers.flatMap(entityRules) : [{}];
  const matches = protocolMatches(rule.ports);
  const metadata = rule.description ? { metadata: { annotations: { [DESCRIPTION_ANNOTATION]: rule.description } } } : {};
  return peers.flatMap((peer) =>
    matches.map(({ ports, ...protocol }) => {
      // Ports are always the destination's: the subject's on ingress, the peer's on egress.
      const [source, destination] = rule.direction === 'ingress' ? [peer, ports] : [{}, { ...peer, ...ports }];
      return {
        action: ACTIONS[rule.action],
        ...protocol,
        ...(Object.keys(source).length > 0 && { source }),
        ...(Object.keys(destination).length > 0 && { destination }),
        ...metadata,
      };
    }),
  );
}

/** A peer as EntityRule fields; several when its CIDRs span both IP families. */
function entityRules(peer: Peer): Fields[] {
  switch (peer.kind) {
    case 'pods':
      return [{ selector: podSelector(peer.pods), ...(peer.namespaces && { namespaceSelector: namespaceSelector(peer.namespaces) }) }];
    case 'namespaces':
      // Without POD_TERM the selector would also match the namespaces' network sets.
      return [{ namespaceSelector: namespaceSelector(peer.namespaces), selector: POD_TERM }];
    case 'cidr':
      return [{ nets: [peer.cidr], ...(peer.except && peer.except.length > 0 && { notNets: [...peer.except] }) }];
    case 'entity': {
      // Only entities with CIDRs pass the capability check: the CIDRs are what the intent means here.
      // `nets` is a set: Calico's CRD rejects a CIDR listed twice.
      const cidrs = [...new Set(peer.cidrs)];
      const byFamily = [4, 6].map((family) => cidrs.filter((cidr) => familyOf(cidr) === family));
      return byFamily.filter((nets) => nets.length > 0).map((nets) => ({ nets }));
    }
    case 'serviceAccount':
      return [{
        serviceAccounts: { ...(peer.names && { names: [...new Set(peer.names)] }), ...(peer.selector && { selector: calicoSelector(peer.selector) }) },
        ...(peer.namespaces && { namespaceSelector: namespaceSelector(peer.namespaces) }),
      }];
    default:
      throw new Error(`unreachable: the capability check refuses ${peer.kind} peers`);
  }
}

function familyOf(cidr: string): number {
  const parsed = parseCidr(cidr);
  return typeof parsed === 'string' ? 0 : parsed.family;
}

/** A protocol match: the rule's protocol fields, and the destination ports (if any) apart. */
interface ProtocolMatch {
  readonly protocol?: string;
  readonly icmp?: Fields;
  readonly ports: Fields;
}

/**
 * The ports as one match per protocol with every port of it, ICMP one match per type and code, in
 * order of first use. No ports at all is one match of every protocol. Every match with ports sets
 * `protocol`, named ports too (DIALECTS.md §8.20).
 */
function protocolMatches(ports: readonly Port[]): ProtocolMatch[] {
  if (ports.length === 0) return [{ ports: {} }];
  const groups = new Map<string, Port[]>();
  for (const port of ports) {
    const key = hasPorts(port.protocol) ? port.protocol : JSON.stringify([port.protocol, port.icmpType, port.icmpCode]);
    groups.set(key, [...(groups.get(key) ?? []), port]);
  }
  return [...groups.values()].map((group): ProtocolMatch => {
    const { protocol, icmpType, icmpCode } = group[0];
    if (!hasPorts(protocol)) {
      const icmp = { ...(icmpType !== undefined && { type: icmpType }), ...(icmpCode !== undefined && { code: icmpCode }) };
      return { protocol, ...(icmpType !== undefined && { icmp }), ports: {} };
    }
    // A port without a number is every port of the protocol, which covers the others.
    const every = group.some((port) => port.port === undefined);
    return { protocol, ports: every ? {} : { ports: group.map(calicoPort) } };
  });
}

function calicoPort(port: Port): number | string {
  if (port.endPort !== undefined && port.endPort !== port.port) return `${port.port}:${port.endPort}`;
  return port.port as number | string;
}
