import * as ipaddr from 'ipaddr.js';
import { NetpolError } from '../model/errors';
import { parseCidr } from '../model/cidr';
import { nearest } from '../model/nearest';
import { AddressSet } from './address-blocks';
import { Endpoint } from './endpoints';
import { Reachability } from './reach';

/**
 * The endpoints a user means by `text`, as a source or a destination: an endpoint's printed name
 * (`shop/web[Deployment]`, `kube-apiserver[Entity]`, `0.0.0.0-9.255.255.255`), a workload as
 * `namespace/name` (or a name used in one namespace only), or an address or CIDR (every external
 * block it overlaps). Throws when nothing matches or a workload name is ambiguous.
 */
export function findEndpoints(reachability: Reachability, text: string, role: 'source' | 'destination'): Endpoint[] {
  const endpoints = role === 'source' ? reachability.sources : reachability.destinations;
  const exact = endpoints.filter((endpoint) => endpoint.name === text);
  if (exact.length > 0) return exact;
  const workloads = endpoints.filter((endpoint) => endpoint.kind === 'workload' && (`${endpoint.workload.namespace}/${endpoint.workload.name}` === text || endpoint.workload.name === text));
  if (workloads.length > 1) {
    throw new NetpolError([{ where: text, field: '', message: `names several workloads (${workloads.map((endpoint) => endpoint.name).join(', ')}): give one as it is printed` }]);
  }
  if (workloads.length === 1) return workloads;
  const addresses = addressesOf(text);
  if (addresses) {
    const blocks = endpoints.filter((endpoint) => endpoint.kind === 'external' && endpoint.addresses.overlaps(addresses));
    if (blocks.length > 0) return blocks;
  }
  const workloadNames = endpoints.flatMap((endpoint) => (endpoint.kind === 'workload' ? [`${endpoint.workload.namespace}/${endpoint.workload.name}`] : []));
  // A pod's name as kubectl get pods prints it (`api-7d4b9c-x2x4k`, `db-0`) starts with its
  // workload's. Endpoints are in text order, where `api-gateway[` comes before `api[`: the first
  // workload that fits is the longest.
  const owner = workloadNames.find((name) => text.startsWith(`${name}-`));
  // The other way round: a Deployment's name where the input has only its ReplicaSet (`web-5d8f7c9b6`).
  const owned = workloadNames.filter((name) => name.startsWith(`${text}-`) || name.startsWith(`${name.split('/')[0]}/${text}-`));
  const meant = owner ?? (owned.length === 1 ? owned[0] : nearest(text, workloadNames));
  throw new NetpolError([{ where: text, field: '', message: `is not a ${role} here: ${meant ? `did you mean \`${meant}\`?` : 'give a workload (namespace/name), an address, or a name as reach prints it'}` }]);
}

function addressesOf(text: string): AddressSet | undefined {
  if (ipaddr.isValid(text)) {
    const address = ipaddr.parse(text);
    return addressesOf(`${address.kind() === 'ipv4' ? address.toString() : (address as ipaddr.IPv6).toRFC5952String()}/${address.kind() === 'ipv4' ? 32 : 128}`);
  }
  const cidr = parseCidr(text);
  return typeof cidr === 'string' ? undefined : AddressSet.fromCidr(cidr);
}
