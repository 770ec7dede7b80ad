import { Cidr, parseCidr } from '../../model/cidr';
import { PolicyIntent } from '../../model/intent';
import { NamespaceSelection, Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { Action, Direction, Rule } from '../../model/rule';
import { selectsEverything } from '../../model/selector';
import { networkOf, readKubernetes, readSelector } from '../kubernetes/read';
import { DESCRIPTION_ANNOTATION, Manifest } from '../manifest';
import { NotModelled, policySource, readEach, ReadResult } from '../read-result';
import { ANP_KIND, ANP_READ_TIERS, BANP_KIND, ClusterTier, CNP_KIND, CNP_READ_TIERS, V1ALPHA1, V1ALPHA2 } from './api';

// Reads ClusterNetworkPolicy (v1alpha2) and AdminNetworkPolicy/BaselineAdminNetworkPolicy
// (v1alpha1) as the API defines them (DIALECTS.md §4, §9.1-9.3): no implicit isolation (rules
// without isolating), Admin before NetworkPolicy before Baseline, priority as the order (ties by
// name, as Calico places them), the tiers named as Calico names them (3.32: CNP; 3.29-3.31: ANP/BANP).

const ACTIONS: Readonly<Record<string, Action>> = { Accept: 'allow', Allow: 'allow', Deny: 'deny', Pass: 'pass' };
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** Reads NetworkPolicies and ClusterNetworkPolicies (other kinds are ignored). */
export function readCnp(manifests: readonly Manifest[]): ReadResult {
  return withNetworkPolicies(manifests, readEach(manifests.filter(isCnp), (manifest) => [readCnpObject(manifest)]));
}

/** Reads NetworkPolicies, AdminNetworkPolicies and BaselineAdminNetworkPolicies (other kinds are ignored). */
export function readAnp(manifests: readonly Manifest[]): ReadResult {
  return withNetworkPolicies(manifests, readEach(manifests.filter(isAnp), (manifest) => [readAnpObject(manifest)]));
}

/** Whether a manifest is a v1alpha2 ClusterNetworkPolicy. */
export function isCnp(manifest: Manifest): boolean {
  return manifest.apiVersion === V1ALPHA2 && manifest.kind === CNP_KIND;
}

/** Whether a manifest is a v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
export function isAnp(manifest: Manifest): boolean {
  return manifest.apiVersion === V1ALPHA1 && (manifest.kind === ANP_KIND || manifest.kind === BANP_KIND);
}

function withNetworkPolicies(manifests: readonly Manifest[], cluster: ReadResult): ReadResult {
  const namespaced = readKubernetes(manifests);
  return { intents: [...namespaced.intents, ...cluster.intents], notAnalysed: [...namespaced.notAnalysed, ...cluster.notAnalysed] };
}

function readCnpObject(manifest: Manifest): PolicyIntent {
  const spec = (manifest.spec ?? {}) as Record<string, any>;
  if (spec.tier !== 'Admin' && spec.tier !== 'Baseline') throw new NotModelled(`tier "${spec.tier}" (Admin or Baseline)`);
  return intentOf(manifest, CNP_READ_TIERS, spec.tier, priorityOf(spec.priority), spec);
}

function readAnpObject(manifest: Manifest): PolicyIntent {
  const spec = (manifest.spec ?? {}) as Record<string, any>;
  if (manifest.kind === BANP_KIND) {
    if (manifest.metadata.name !== 'default') throw new NotModelled('a BaselineAdminNetworkPolicy not named "default" (the API server refuses it)');
    // The singleton has no priority; order 0 places it (alone in its tier) as the deny rules it may hold need.
    return intentOf(manifest, ANP_READ_TIERS, 'Baseline', 0, spec);
  }
  return intentOf(manifest, ANP_READ_TIERS, 'Admin', priorityOf(spec.priority), spec);
}

function priorityOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) throw new NotModelled(`priority ${JSON.stringify(value)} (an integer 0-1000)`);
  return value;
}

function intentOf(manifest: Manifest, tiers: typeof CNP_READ_TIERS | typeof ANP_READ_TIERS, tier: ClusterTier, order: number | undefined, spec: Record<string, any>): PolicyIntent {
  const rules = (['ingress', 'egress'] as const).flatMap((direction) => ((spec[direction] ?? []) as any[]).map((rule) => readRule(direction, rule ?? {})));
  const description = manifest.metadata.annotations?.[DESCRIPTION_ANNOTATION];
  return {
    name: manifest.metadata.name,
    scope: 'cluster',
    subject: readSubject(spec.subject),
    isolate: [],
    rules,
    tier: { ...tiers[tier] },
    ...(order !== undefined && { order }),
    ...(description !== undefined && { description }),
    // Explanations name the tier and priority that decided, beside the policy.
    path: `${policySource(manifest)} (${tier} tier${spec.priority === undefined ? '' : `, priority ${order}`})`,
  };
}

function readSubject(subject: Record<string, any> | undefined): PolicyIntent['subject'] {
  if (subject?.namespaces && !subject.pods) return { pods: {}, namespaces: namespacesOf(subject.namespaces) };
  if (subject?.pods && !subject.namespaces) return { pods: readSelector(subject.pods.podSelector ?? {}), namespaces: namespacesOf(subject.pods.namespaceSelector ?? {}) };
  throw new NotModelled('a subject with other than exactly one of namespaces and pods');
}

function namespacesOf(selector: unknown): NamespaceSelection {
  const read = readSelector(selector);
  return selectsEverything(read) ? 'all' : { selector: read };
}

function readRule(direction: Direction, rule: Record<string, any>): Rule {
  const action = ACTIONS[rule.action];
  if (!action) throw new NotModelled(`action "${rule.action}"`);
  const peers = ((rule[direction === 'ingress' ? 'from' : 'to'] ?? []) as any[]).flatMap((peer) => readPeer(peer ?? {}));
  if (peers.length === 0) throw new NotModelled('a rule without peers (the API server refuses it)');
  const ports = [...((rule.protocols ?? []) as any[]).flatMap(readProtocol), ...((rule.ports ?? []) as any[]).flatMap(readAnpPort)];
  return {
    direction,
    action,
    // A peer that matches everything makes the rule's peers "any".
    peers: peers.some((peer) => peer === 'any') ? [] : (peers as Peer[]),
    ports,
    ...(typeof rule.name === 'string' && rule.name.length > 0 && { description: rule.name }),
  };
}

function readPeer(peer: Record<string, any>): (Peer | 'any')[] {
  const fields = Object.keys(peer);
  if (fields.length !== 1) throw new NotModelled(`a peer with ${fields.length === 0 ? 'no field' : `fields ${fields.join(', ')}`} (exactly one of namespaces, pods, networks)`);
  if (peer.namespaces) return [{ kind: 'namespaces', namespaces: namespacesOf(peer.namespaces) }];
  if (peer.pods) return [{ kind: 'pods', pods: readSelector(peer.pods.podSelector ?? {}), namespaces: namespacesOf(peer.pods.namespaceSelector ?? {}) }];
  if (peer.networks) return readNetworks(peer.networks as unknown[]);
  if (peer.domainNames) return (peer.domainNames as string[]).map((name) => ({ kind: 'fqdn', pattern: name.startsWith('*.') ? `*${name}` : name }));
  // nodes, and fields of later API versions: implementations fail closed on them (§9.1).
  throw new NotModelled(`peer field ${fields[0]}`);
}

// networks match every address in them, pods included (§9.6 #1): a CIDR peer means addresses
// outside the cluster, so a /0 adds every pod (of a cluster of that family), both /0s are any peer.
// Narrower ranges are read as external addresses, as for every engine (docs/patterns.md, "What the policies mean").
function readNetworks(networks: unknown[]): (Peer | 'any')[] {
  // isCIDR (the CRD's CEL) accepts host bits, as Go's ParseCIDR does: the network is meant.
  const cidrs = networks.map((given) => {
    const text = networkOf(given);
    return { text, everything: (parseCidr(text) as Cidr).prefix === 0 };
  });
  const families = new Set(cidrs.filter((cidr) => cidr.everything).map((cidr) => cidr.text));
  if (families.size === 2) return ['any'];
  return [...cidrs.map((cidr): Peer => ({ kind: 'cidr', cidr: cidr.text })), ...(families.size > 0 ? [{ kind: 'namespaces', namespaces: 'all' } as Peer] : [])];
}

function readProtocol(protocol: Record<string, any>): Port[] {
  if (typeof protocol?.destinationNamedPort === 'string') return namedPort(protocol.destinationNamedPort);
  const key = Object.keys(protocol ?? {})[0];
  const name = PROTOCOLS.find((candidate) => candidate.toLowerCase() === key);
  if (!name || Object.keys(protocol).length !== 1) throw new NotModelled(`protocol ${JSON.stringify(protocol)}`);
  const port = protocol[key]?.destinationPort;
  if (typeof port?.number === 'number') return [{ protocol: name, port: port.number }];
  if (typeof port?.range?.start === 'number' && typeof port?.range?.end === 'number') return [rangeOf(name, port.range.start, port.range.end)];
  throw new NotModelled(`destinationPort ${JSON.stringify(port)}`);
}

function readAnpPort(port: Record<string, any>): Port[] {
  if (typeof port?.namedPort === 'string') return namedPort(port.namedPort);
  const value = port?.portNumber ?? port?.portRange;
  const protocol = PROTOCOLS.find((candidate) => candidate === (value?.protocol ?? 'TCP'));
  if (!protocol) throw new NotModelled(`protocol "${value?.protocol}"`);
  if (port.portNumber && typeof value.port === 'number') return [{ protocol, port: value.port }];
  if (port.portRange && typeof value.start === 'number' && typeof value.end === 'number' && value.start <= value.end) return [rangeOf(protocol, value.start, value.end)];
  throw new NotModelled(`port ${JSON.stringify(port)}`);
}

// A named port here has no protocol: the destination pod's port of that name, whatever its protocol.
function namedPort(name: string): Port[] {
  return PROTOCOLS.map((protocol) => ({ protocol, port: name }));
}

function rangeOf(protocol: (typeof PROTOCOLS)[number], start: number, end: number): Port {
  if (start === 1 && end === 65535) return { protocol };
  return start === end ? { protocol, port: start } : { protocol, port: start, endPort: end };
}
