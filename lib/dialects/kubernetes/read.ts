import * as ipaddr from 'ipaddr.js';
import { parseCidr } from '../../model/cidr';
import { PolicyIntent } from '../../model/intent';
import { NAMESPACE_NAME_LABEL, NamespaceSelection, Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { Direction, Rule } from '../../model/rule';
import { LabelSelector, selectsEverything } from '../../model/selector';
import { DESCRIPTION_ANNOTATION, Manifest } from '../manifest';
import { NotModelled, policySource, readEach, ReadResult } from '../read-result';

// Reads networking.k8s.io/v1 NetworkPolicies as the API server and every conforming CNI read them
// (DIALECTS.md §1.2): missing and empty fields, policyTypes defaulting, TCP as the default protocol.

const DIRECTION_OF_TYPE: Record<string, Direction> = { Ingress: 'ingress', Egress: 'egress' };

/** Whether a manifest is a Kubernetes NetworkPolicy. */
export function isNetworkPolicy(manifest: Manifest): boolean {
  return manifest.apiVersion === 'networking.k8s.io/v1' && manifest.kind === 'NetworkPolicy';
}

/** Reads the NetworkPolicies among the manifests (other kinds are ignored). */
export function readKubernetes(manifests: readonly Manifest[]): ReadResult {
  return readEach(manifests.filter(isNetworkPolicy), (manifest) => [readNetworkPolicy(manifest)]);
}

/** Reads one NetworkPolicy; throws NotModelled for what the API server would reject. */
export function readNetworkPolicy(manifest: Manifest): PolicyIntent {
  const spec = (manifest.spec ?? {}) as Record<string, any>;
  // Absent (or empty) policyTypes: Ingress always, Egress only when there is at least one egress
  // rule (SetDefaults_NetworkPolicy defaults an empty list too [K10]).
  const given: string[] = spec.policyTypes ?? [];
  const policyTypes = given.length > 0 ? given : ['Ingress', ...((spec.egress ?? []).length > 0 ? ['Egress'] : [])];
  const isolate = policyTypes.map((type) => {
    const direction = DIRECTION_OF_TYPE[type];
    if (!direction) throw new NotModelled(`policyTypes value "${type}"`);
    return direction;
  });
  // Rules of a direction the policy does not list are not enforced.
  const rules = isolate.flatMap((direction) => ((spec[direction] ?? []) as any[]).map((rule) => readRule(direction, rule ?? {})));
  const description = manifest.metadata.annotations?.[DESCRIPTION_ANNOTATION];
  return {
    name: manifest.metadata.name,
    scope: { namespace: manifest.metadata.namespace ?? 'default' },
    subject: { pods: readSelector(spec.podSelector ?? {}) },
    isolate: (['ingress', 'egress'] as const).filter((direction) => isolate.includes(direction)),
    rules,
    ...(description !== undefined && { description }),
    path: policySource(manifest),
  };
}

function readRule(direction: Direction, rule: Record<string, any>): Rule {
  const peers = (rule[direction === 'ingress' ? 'from' : 'to'] ?? []) as any[];
  return { direction, action: 'allow', peers: peers.map((peer) => readPeer(peer ?? {})), ports: ((rule.ports ?? []) as any[]).map((port) => readPort(port ?? {})) };
}

function readPeer(peer: Record<string, any>): Peer {
  const { ipBlock, podSelector, namespaceSelector } = peer;
  if (ipBlock) {
    if (podSelector || namespaceSelector) throw new NotModelled('a peer with ipBlock and a selector');
    const except = ((ipBlock.except ?? []) as unknown[]).map(networkOf);
    return { kind: 'cidr', cidr: networkOf(ipBlock.cidr), ...(except.length > 0 && { except }) };
  }
  if (!podSelector && !namespaceSelector) throw new NotModelled('an empty peer');
  if (!podSelector) return { kind: 'namespaces', namespaces: namespacesOf(namespaceSelector) };
  return { kind: 'pods', pods: readSelector(podSelector), ...(namespaceSelector && { namespaces: namespacesOf(namespaceSelector) }) };
}

// Without StrictIPCIDRValidation the API server accepts host bits (10.0.0.1/8) and means the
// network (DIALECTS.md §1.1 [K9]); anything else that is not a canonical CIDR is not modelled.
/** A CIDR as the API server means it (host bits masked); throws NotModelled for what is not a CIDR. */
export function networkOf(value: unknown): string {
  const text = String(value);
  if (typeof parseCidr(text) !== 'string') return text;
  const address = text.split('/')[0];
  // Leading zeros are refused: some parsers read them as octal.
  if (!ipaddr.IPv4.isValid(address) || ipaddr.IPv4.isValidFourPartDecimal(address)) {
    try {
      const [parsed, prefix] = ipaddr.parseCIDR(text);
      const network = parsed.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text).toString() : ipaddr.IPv6.networkAddressFromCIDR(text).toRFC5952String();
      return `${network}/${prefix}`;
    } catch {
      // not a CIDR at all
    }
  }
  throw new NotModelled(`ipBlock CIDR "${text}" that is not a CIDR`);
}

// A selector on the automatic name label alone is a selection by name (as the renderer writes one),
// which dialects without namespace label selectors in namespaced policies (Cilium) can express.
function namespacesOf(selector: unknown): NamespaceSelection {
  const read = readSelector(selector);
  if (selectsEverything(read)) return 'all';
  const { matchLabels, matchExpressions } = read;
  const names = Object.keys(matchLabels ?? {});
  if (!matchExpressions && names.length === 1 && names[0] === NAMESPACE_NAME_LABEL) return { names: [matchLabels![NAMESPACE_NAME_LABEL]] };
  const [only, ...rest] = matchExpressions ?? [];
  if (!matchLabels && only && rest.length === 0 && only.key === NAMESPACE_NAME_LABEL && only.operator === 'In') return { names: [...(only.values ?? [])] };
  return { selector: read };
}

function readPort(port: Record<string, any>): Port {
  const protocol = port.protocol ?? 'TCP';
  if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) throw new NotModelled(`protocol "${protocol}"`);
  if (typeof port.port === 'string' && /^\d+$/.test(port.port)) throw new NotModelled(`port "${port.port}" given as a string`);
  return { protocol, ...(port.port !== undefined && { port: port.port }), ...(port.endPort !== undefined && { endPort: port.endPort }) };
}

/** Reads a LabelSelector; throws NotModelled for an operator the API does not have. */
export function readSelector(selector: unknown): LabelSelector {
  const { matchLabels, matchExpressions } = (selector ?? {}) as LabelSelector;
  for (const expression of matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expression.operator)) throw new NotModelled(`selector operator "${expression.operator}"`);
  }
  return {
    ...(matchLabels && Object.keys(matchLabels).length > 0 && { matchLabels: { ...matchLabels } }),
    ...(matchExpressions && matchExpressions.length > 0 && { matchExpressions: matchExpressions.map((expression) => ({ ...expression })) }),
  };
}
