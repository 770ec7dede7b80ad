import { parseCidr } from '../../model/cidr';
import { PolicyIntent } from '../../model/intent';
import { NamespaceSelection, namespaceSelector } from '../../model/peer';
import { hasPorts, Port } from '../../model/port';
import { Rule } from '../../model/rule';
import { compactSelector as selector } from '../../model/selector';
import { EVERY_ADDRESS } from './api';

// Peers and ports of one rule in the network-policy-api's shapes (DIALECTS.md §4, §9.1); each
// function returns the field and what cannot be said exactly, so the renderer reports all at once.

/** A rule part and what of the rule has no exact form. */
export interface Rendered<T> {
  readonly value: T;
  readonly problems: { field: string; message: string }[];
}

/** The namespaces a namespaced intent's peer without namespaces means: its own. */
export function ownNamespaces(intent: PolicyIntent): NamespaceSelection {
  return intent.scope === 'cluster' ? 'all' : { names: [intent.scope.namespace] };
}

/** A cidr peer that covers every address of its family: `networks` would match pods too (§9.6 #1). */
function coversEveryAddress(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  return typeof parsed !== 'string' && parsed.prefix === 0;
}

// Cilium's '**.' (any depth) is the API's '*.' (one or more labels); a leading '*.' (exactly one
// label) and inner wildcards have no form (DIALECTS.md §9.5).
function domainName(pattern: string): string | undefined {
  const name = pattern.replace(/\.$/, '');
  if (name.startsWith('**.')) return name.includes('*', 3) ? undefined : `*.${name.slice(3)}`;
  return name.includes('*') ? undefined : name;
}

/** The peers of a rule, in `from`/`to` form. */
export function renderPeers(intent: PolicyIntent, rule: Rule, index: number, experimental: boolean): Rendered<Record<string, unknown>[]> {
  const problems: { field: string; message: string }[] = [];
  const at = (peerIndex: number) => `rules[${index}].peers[${peerIndex}]`;
  const peers: Record<string, unknown>[] = [];
  const networks: string[] = [];
  const domains: string[] = [];
  if (rule.peers.length === 0) {
    if (rule.direction === 'egress') networks.push(...EVERY_ADDRESS);
    else {
      problems.push({
        field: `rules[${index}].peers`,
        message: 'an ingress rule for any peer has no exact form: ingress peers are pods only (namespaces: {} misses nodes, host-network pods and traffic from outside); name Peer.allNamespaces() if pods are meant, or write the rule in a namespaced policy of the default tier',
      });
    }
  }
  rule.peers.forEach((peer, peerIndex) => {
    const egressOnly = (what: string) => problems.push({ field: at(peerIndex), message: `${what} in an ingress rule has no form: ingress peers are pods and namespaces only` });
    switch (peer.kind) {
      case 'pods':
        peers.push({ pods: { namespaceSelector: selector(namespaceSelector(peer.namespaces ?? ownNamespaces(intent))), podSelector: selector(peer.pods) } });
        return;
      case 'namespaces':
        peers.push({ namespaces: selector(namespaceSelector(peer.namespaces)) });
        return;
      case 'cidr':
        if (rule.direction === 'ingress') return egressOnly('a CIDR');
        if (peer.except && peer.except.length > 0) {
          problems.push({ field: `${at(peerIndex)}.except`, message: 'networks have no except: list the ranges that are meant instead' });
        } else if (coversEveryAddress(peer.cidr)) {
          problems.push({
            field: `${at(peerIndex)}.cidr`,
            message: `networks ${peer.cidr} also matches every pod (DIALECTS.md §9.6 #1), which a CIDR peer does not mean: use Peer.any() if pods are meant too, or name narrower ranges`,
          });
        } else networks.push(peer.cidr);
        return;
      case 'entity':
        // Only entities with CIDRs reach here (the capability check refuses the others).
        if (rule.direction === 'ingress') return egressOnly(`entity ${peer.entity}`);
        networks.push(...(peer.cidrs ?? []));
        return;
      case 'fqdn': {
        const name = domainName(peer.pattern);
        if (!experimental) problems.push({ field: at(peerIndex), message: 'FQDN peers are domainNames, which only the experimental channel has: set experimental: true on the PolicyChart (and install the experimental CRD)' });
        else if (intent.tier === undefined || intent.tier.order >= 1_000_000) problems.push({ field: at(peerIndex), message: 'domainNames are for the Admin tier only (NPEP-133): put the policy in a tier before the default tier' });
        else if (name === undefined) problems.push({ field: at(peerIndex), message: `"${peer.pattern}" has no domainNames form: use a full name or a leading "**." (any subdomains)` });
        else domains.push(name);
        return;
      }
      default:
        // Service accounts: refused by the capability check.
        return;
    }
  });
  if (networks.length > 0) peers.push({ networks: [...new Set(networks)] });
  if (domains.length > 0) peers.push({ domainNames: [...new Set(domains)] });
  return { value: peers, problems };
}

/** The ports of a rule in v1alpha2 `protocols` form (absent: every protocol and port). */
export function renderProtocols(rule: Rule, index: number): Rendered<Record<string, unknown>[]> {
  const problems: { field: string; message: string }[] = [];
  const protocols = rule.ports.flatMap((port, portIndex): Record<string, unknown>[] => {
    if (!hasPorts(port.protocol)) {
      problems.push({ field: `rules[${index}].ports[${portIndex}]`, message: `${port.protocol} has no form: protocols are TCP, UDP and SCTP` });
      return [];
    }
    // A named port has no protocol: the port of that name on the destination pod.
    if (typeof port.port === 'string') return [{ destinationNamedPort: port.port }];
    return [{ [port.protocol.toLowerCase()]: { destinationPort: portRange(port) } }];
  });
  return { value: unique(protocols), problems };
}

/** The ports of a rule in v1alpha1 `ports` form; named ports are experimental there, so refused. */
export function renderAnpPorts(rule: Rule, index: number): Rendered<Record<string, unknown>[]> {
  const problems: { field: string; message: string }[] = [];
  const ports = rule.ports.flatMap((port, portIndex): Record<string, unknown>[] => {
    const field = `rules[${index}].ports[${portIndex}]`;
    if (!hasPorts(port.protocol)) {
      problems.push({ field, message: `${port.protocol} has no form: protocols are TCP, UDP and SCTP` });
      return [];
    }
    if (typeof port.port === 'string') {
      problems.push({ field: `${field}.port`, message: 'named ports are experimental in v1alpha1 (and Calico 3.29-3.31 matches every port for them): use the port number, or the kubernetes-cnp dialect' });
      return [];
    }
    const range = portRange(port);
    if ('number' in range) return [{ portNumber: { protocol: port.protocol, port: range.number } }];
    return [{ portRange: { protocol: port.protocol, ...range.range } }];
  });
  return { value: unique(ports), problems };
}

function portRange(port: Port): { number: number } | { range: { start: number; end: number } } {
  const start = (port.port as number | undefined) ?? 1;
  const end = port.port === undefined ? 65535 : (port.endPort ?? start);
  return start === end ? { number: start } : { range: { start, end } };
}

function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** Whether a rule's L7 DNS match is the one FQDN peers bring (every name): in this API, a plain DNS Accept. */
export function isDnsCompanion(rule: Rule): boolean {
  return rule.dns !== undefined && rule.dns.length === 1 && rule.dns[0].pattern === '*';
}
