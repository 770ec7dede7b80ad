import { parseCidr, strictlyInside } from '../../model/cidr';
import { Peer } from '../../model/peer';
import { Action, Direction, Rule } from '../../model/rule';
import { LabelExpression } from '../../model/label-expression';
import { LabelSelector, selectsEverything } from '../../model/selector';
import { DESCRIPTION_ANNOTATION } from '../manifest';
import { NotModelled } from '../read-result';
import type { ReadContext } from './read';
import { PROTOCOLS, readPorts } from './read-ports';
import { readCalicoSelector, readEndpointSelector, readNamespaceSelector, readNotSelector } from './read-selector';

// One Calico rule read back as one model rule. Calico ANDs every field of a rule, the model ORs
// the peers of a rule: a rule reads back when its peer is one thing (pods by selector and
// namespaces, service accounts, or CIDRs) and its ports those of its one protocol.

type Fields = Record<string, any>;

const ACTIONS: Record<string, Action> = { Allow: 'allow', Deny: 'deny', Pass: 'pass', Log: 'log' };
const RULE_FIELDS = ['action', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'source', 'destination', 'metadata'];
const PEER_FIELDS = ['selector', 'notSelector', 'namespaceSelector', 'nets', 'notNets', 'serviceAccounts'];

/** Reads one rule of a Calico policy; undefined when it matches nothing. Throws NotModelled for what the model cannot say. */
export function readRule(direction: Direction, rule: Fields, cluster: boolean, context: ReadContext): Rule | undefined {
  const unknownField = Object.keys(rule).find((field) => !RULE_FIELDS.includes(field));
  if (unknownField !== undefined) throw new NotModelled(`rule field ${unknownField}`);
  const action = ACTIONS[rule.action];
  if (!action) throw new NotModelled(`action ${JSON.stringify(rule.action)}`);
  // The peer is the source of an ingress rule and the destination of an egress rule; the ports
  // are always the destination's.
  const [peerSide, ownSide] = direction === 'ingress' ? ['source', 'destination'] : ['destination', 'source'];
  const { ports, notPorts, ...peerFields } = (rule[peerSide] ?? {}) as Fields;
  const { ports: ownPorts, notPorts: ownNotPorts, ...ownFields } = (rule[ownSide] ?? {}) as Fields;
  const [destinationPorts, destinationNotPorts] = direction === 'ingress' ? [ownPorts, ownNotPorts] : [ports, notPorts];
  if ((direction === 'ingress' ? ports ?? notPorts : ownPorts ?? ownNotPorts) !== undefined) throw new NotModelled('source ports');
  const [ownField] = Object.keys(ownFields);
  if (ownField !== undefined) throw new NotModelled(`${ownSide}.${ownField} (a match on the policy's own side)`);
  const peerField = Object.keys(peerFields).find((field) => !PEER_FIELDS.includes(field));
  if (peerField !== undefined) throw new NotModelled(`${peerSide}.${peerField}`);
  const peers = readPeers(peerFields, cluster, context);
  if (peers !== 'any' && peers.length === 0) return undefined;
  checkIpVersion(rule, peers);
  const rulePorts = readPorts(rule, destinationPorts ?? [], destinationNotPorts ?? []);
  if (rulePorts === 'none') return undefined;
  const description = rule.metadata?.annotations?.[DESCRIPTION_ANNOTATION];
  return {
    direction,
    action,
    peers: peers === 'any' ? [] : peers,
    ...rulePorts,
    ...(description !== undefined && { description }),
  };
}

// ipVersion narrows a rule to one IP family; the model has families only in CIDRs and ICMP.
function checkIpVersion(rule: Fields, peers: Peer[] | 'any'): void {
  if (rule.ipVersion === undefined) return;
  const family = (cidr: string) => (parseCidr(cidr) as { family: number }).family;
  const implied = PROTOCOLS[rule.protocol] === 'ICMP' ? 4 : PROTOCOLS[rule.protocol] === 'ICMPv6' ? 6 : undefined;
  const byCidrs = peers !== 'any' && peers.every((peer) => peer.kind === 'cidr' && family(peer.cidr) === rule.ipVersion);
  if (implied !== rule.ipVersion && !byCidrs) throw new NotModelled(`ipVersion ${rule.ipVersion} on a rule that matches both families`);
}

// The peer of an EntityRule, as libcalico-go's GetEntityRuleSelector scopes it: a selector (or
// notSelector) of a namespaced policy selects in its namespace unless a namespaceSelector is given;
// a GlobalNetworkPolicy's, in every namespace. A notSelector subtracts the endpoints it matches.
function readPeers(entity: Fields, cluster: boolean, context: ReadContext): Peer[] | 'any' {
  // An empty string is an absent field, as in libcalico-go's Go structs.
  const given = (field: string) => (entity[field] === '' ? undefined : entity[field]);
  const [selector, notSelector, namespaceSelector] = ['selector', 'notSelector', 'namespaceSelector'].map(given);
  const { nets, notNets, serviceAccounts } = entity;
  if (nets !== undefined || notNets !== undefined) {
    if (selector !== undefined || notSelector !== undefined || namespaceSelector !== undefined || serviceAccounts !== undefined) {
      throw new NotModelled('nets together with a selector or service accounts in one EntityRule');
    }
    if (!nets || nets.length === 0) throw new NotModelled('notNets without nets');
    return cidrPeers(nets, notNets ?? []);
  }
  // In a GlobalNetworkPolicy a rule without a namespaceSelector selects in every namespace.
  const namespaces = namespaceSelector !== undefined ? readNamespaceSelector(String(namespaceSelector)) : cluster ? 'all' : undefined;
  if (serviceAccounts !== undefined) {
    if (selector !== undefined || notSelector !== undefined) throw new NotModelled('serviceAccounts together with a selector or notSelector in one EntityRule');
    const { names, selector: accounts, ...other } = serviceAccounts as Fields;
    const [otherField] = Object.keys(other);
    if (otherField !== undefined) throw new NotModelled(`serviceAccounts.${otherField}`);
    if (!names?.length && accounts === undefined) throw new NotModelled('an empty serviceAccounts match');
    return [{
      kind: 'serviceAccount',
      ...(names?.length && { names: [...names] }),
      ...(accounts !== undefined && { selector: readCalicoSelector(String(accounts)) }),
      ...(namespaces !== undefined && { namespaces }),
    }];
  }
  if (selector === undefined && namespaceSelector === undefined && (notSelector === undefined || cluster)) {
    if (notSelector === undefined) return 'any';
    // A GlobalNetworkPolicy's bare notSelector: every source or destination, pods of every namespace
    // and addresses outside the cluster, but the endpoints it matches.
    const excluded = readNotSelector(String(notSelector));
    context.checkNotNonPod({ expression: excluded }, String(notSelector));
    return [{ kind: 'pods', pods: { expression: { kind: 'not', operand: excluded } }, namespaces: 'all' }, { kind: 'entity', entity: 'world' }];
  }
  const text = String(selector ?? '');
  const { pods, podsOnly } = readEndpointSelector(text);
  if (!podsOnly) context.checkNotNonPod(pods, text);
  // (What the selector matches besides pods was checked above: what it subtracts from them is moot.)
  if (notSelector !== undefined) return [{ kind: 'pods', pods: excluding(pods, readNotSelector(String(notSelector))), ...(namespaces !== undefined && { namespaces }) }];
  if (namespaces !== undefined && selectsEverything(pods)) return [{ kind: 'namespaces', namespaces }];
  return [{ kind: 'pods', pods, ...(namespaces !== undefined && { namespaces }) }];
}

// The pods a selector matches, less those an expression matches.
function excluding(pods: LabelSelector, excluded: LabelExpression): LabelSelector {
  const not: LabelExpression = { kind: 'not', operand: excluded };
  return { ...pods, expression: pods.expression ? { kind: 'and', operands: [pods.expression, not] } : not };
}

/** `nets` less `notNets` as CIDR peers: each net with the notNets inside it as excepts, none for a net a notNet covers. */
function cidrPeers(nets: string[], notNets: string[]): Peer[] {
  const parse = (net: string) => {
    // Calico takes a plain address as its host network.
    const text = String(net).includes('/') ? String(net) : `${net}/${String(net).includes(':') ? 128 : 32}`;
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') throw new NotModelled(`CIDR "${net}" that is not in canonical form`);
    return { text, ...parsed };
  };
  const excluded = notNets.map(parse);
  return nets.map(parse).flatMap((net) => {
    const covered = excluded.some((except) => except.family === net.family && except.first <= net.first && except.last >= net.last);
    if (covered) return [];
    const except = excluded.filter((candidate) => strictlyInside(candidate, net)).map((candidate) => candidate.text);
    return [{ kind: 'cidr' as const, cidr: net.text, ...(except.length > 0 && { except }) }];
  });
}
