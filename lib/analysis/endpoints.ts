import { NetpolError } from '../model/errors';
import { parseCidr } from '../model/cidr';
import { PolicyIntent } from '../model/intent';
import { Entity, Peer } from '../model/peer';
import { Direction } from '../model/rule';
import { fqdnPatternCovers } from '../model/fqdn-pattern';
import { AddressSet, disjointBlocks } from './address-blocks';
import { PodClass } from './pod-classes';
import { Workload } from './workloads';

/** A workload: its pods, named `namespace/name[Kind]`. */
export interface WorkloadEndpoint {
  readonly kind: 'workload';
  readonly name: string;
  readonly workload: Workload;
  readonly podClass: PodClass;
}

/** A block of addresses outside the cluster, named `first-last[External]` as netpol-analyzer names it. */
export interface ExternalEndpoint {
  readonly kind: 'external';
  readonly name: string;
  readonly addresses: AddressSet;
}

/** An entity without addresses (Cilium's host, remote-node, kube-apiserver, ...), named `entity[Entity]`. */
export interface EntityEndpoint {
  readonly kind: 'entity';
  readonly name: string;
  readonly entity: Entity;
}

/** A DNS name or pattern (an FQDN peer names hosts, not addresses), named `name[FQDN]`. */
export interface FqdnEndpoint {
  readonly kind: 'fqdn';
  readonly name: string;
  readonly pattern: string;
}

/** One end of a connection. */
export type Endpoint = WorkloadEndpoint | ExternalEndpoint | EntityEndpoint | FqdnEndpoint;

/** What a peer is tested against: a class of pods, or an endpoint outside the pods. */
export type Target = { readonly kind: 'class'; readonly podClass: PodClass } | ExternalEndpoint | EntityEndpoint | FqdnEndpoint;

// Cilium's `cluster` entity: every endpoint of the local cluster, the host, remote nodes and the
// init, health, unmanaged and ingress identities (Cilium docs, policy/language "Entities based").
// kube-apiserver may be outside the cluster, so it is not among them.
const CLUSTER_ENTITIES: readonly Entity[] = ['host', 'remote-node', 'init', 'health', 'unmanaged', 'ingress'];
const ADDRESS_ENTITIES: readonly Entity[] = ['world', 'cluster', 'all'];

const addressCache = new Map<string, AddressSet>();

/** The addresses of a CIDR (canonical subnet form), minus exceptions. */
export function addressesOf(cidr: string, except: readonly string[] = []): AddressSet {
  const key = [cidr, ...except].join(' ');
  const known = addressCache.get(key);
  if (known) return known;
  const parse = (text: string) => {
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') throw new NetpolError([{ where: text, field: '', message: parsed }]);
    return parsed;
  };
  const set = AddressSet.fromCidr(parse(cidr), except.map(parse));
  addressCache.set(key, set);
  return set;
}

/** The addresses a kube-apiserver entity peer stands for: its own CIDRs, else the cluster's API server addresses (maybe none). */
function apiServerAddresses(peer: Extract<Peer, { kind: 'entity' }>, apiServer: readonly string[]): readonly string[] {
  return peer.cidrs ?? apiServer;
}

function peersOf(intents: readonly PolicyIntent[], direction: Direction): Peer[] {
  return intents.flatMap((intent) => intent.rules.filter((rule) => rule.direction === direction).flatMap((rule) => rule.peers));
}

/**
 * The external blocks of one direction's peers (ingress: sources, egress: destinations), cut as
 * netpol-analyzer cuts them: each referenced block is first split into its contiguous ranges
 * (rulePeersReferencedIPBlocks, ipb.Split()), so every block printed is one range; the whole IPv4
 * space when no policy names an address.
 */
export function externalEndpoints(intents: readonly PolicyIntent[], direction: Direction, apiServer: readonly string[]): ExternalEndpoint[] {
  const referenced = peersOf(intents, direction).flatMap((peer): AddressSet[] => {
    if (peer.kind === 'cidr') return addressesOf(peer.cidr, peer.except).split();
    if (peer.kind === 'entity' && peer.entity === 'kube-apiserver') return apiServerAddresses(peer, apiServer).map((cidr) => addressesOf(cidr));
    return [];
  });
  return disjointBlocks(referenced).map(externalEndpoint);
}

/** An external block as an endpoint, named as netpol-analyzer prints it (`0.0.0.0-9.255.255.255[External]`). */
export function externalEndpoint(addresses: AddressSet): ExternalEndpoint {
  return { kind: 'external', name: `${addresses}[External]`, addresses };
}

/** The entities without addresses and the FQDNs that one direction's peers name, as endpoints. */
export function namedEndpoints(intents: readonly PolicyIntent[], direction: Direction, apiServer: readonly string[]): (EntityEndpoint | FqdnEndpoint)[] {
  const endpoints = new Map<string, EntityEndpoint | FqdnEndpoint>();
  for (const peer of peersOf(intents, direction)) {
    if (peer.kind === 'entity' && !ADDRESS_ENTITIES.includes(peer.entity) && !(peer.entity === 'kube-apiserver' && apiServerAddresses(peer, apiServer).length > 0)) {
      endpoints.set(`${peer.entity}[Entity]`, { kind: 'entity', name: `${peer.entity}[Entity]`, entity: peer.entity });
    }
    if (peer.kind === 'fqdn') {
      const pattern = normalizeName(peer.pattern);
      endpoints.set(`${pattern}[FQDN]`, { kind: 'fqdn', name: `${pattern}[FQDN]`, pattern });
    }
  }
  return [...endpoints.values()];
}

/**
 * Whether a peer matches a target. Pod-selecting peers (pods, namespaces, service accounts) are
 * looked up by their matcher's id (given) in the class; CIDRs match external blocks only (never pods);
 * entities: world = every external block and FQDN, cluster = every pod and in-cluster entity,
 * all = everything, kube-apiserver = its addresses when known, else its own endpoint; an FQDN peer
 * matches the FQDN endpoints its pattern covers.
 */
export function peerMatches(peer: Peer, target: Target, matcherId: number | undefined, apiServer: readonly string[]): boolean {
  switch (peer.kind) {
    case 'pods':
    case 'namespaces':
    case 'serviceAccount':
      return target.kind === 'class' && target.podClass.matches.has(matcherId as number);
    case 'cidr':
      return target.kind === 'external' && target.addresses.isSubsetOf(addressesOf(peer.cidr, peer.except));
    case 'fqdn':
      return target.kind === 'fqdn' && fqdnPatternCovers(normalizeName(peer.pattern), target.pattern);
    case 'entity':
      return entityMatches(peer, target, apiServer);
  }
}

function entityMatches(peer: Extract<Peer, { kind: 'entity' }>, target: Target, apiServer: readonly string[]): boolean {
  switch (peer.entity) {
    case 'all':
      return true;
    case 'world':
      return target.kind === 'external' || target.kind === 'fqdn';
    case 'cluster':
      return target.kind === 'class' || (target.kind === 'entity' && CLUSTER_ENTITIES.includes(target.entity));
    case 'kube-apiserver': {
      const addresses = apiServerAddresses(peer, apiServer);
      if (addresses.length === 0) return target.kind === 'entity' && target.entity === 'kube-apiserver';
      return target.kind === 'external' && addresses.some((cidr) => target.addresses.isSubsetOf(addressesOf(cidr)));
    }
    default:
      return target.kind === 'entity' && target.entity === peer.entity;
  }
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
