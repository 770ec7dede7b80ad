import { parseCidr } from '../../model/cidr';
import { portNameProblem } from '../../model/names';
import { ENTITIES, Entity, fqdnPatternSchema, Peer } from '../../model/peer';
import { Port, Protocol } from '../../model/port';
import { Action, Direction, DnsMatch, HttpMatch, httpMatchSchema, Rule } from '../../model/rule';
import { NotModelled } from '../read-result';
import { cidrGroup, CidrGroups } from './cidr-groups';
import { readPeerSelector } from './read-selector';

// One Cilium rule (IngressRule, EgressRule or their Deny forms) read back as intent rules with the
// meaning Cilium gives it (DIALECTS.md §3.1, §3.3; pkg/policy/api/rule_validation.go).

type CiliumRule = Record<string, any>;

/** What reading a rule needs beside the rule: the policy's namespace (none for a CCNP), the input's CIDR groups, where to say what is ignored. */
export interface RuleContext {
  readonly namespace: string | undefined;
  readonly cidrGroups: CidrGroups;
  readonly notice: (text: string) => void;
}

const present = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Fields whose meaning the model has no words for. */
const NOT_MODELLED_FIELDS = ['authentication', 'fromNodes', 'toNodes', 'fromGroups', 'toGroups', 'toServices'];
/**
 * Fields Cilium no longer enforces: deprecated in 1.17, and from 1.19 its CRD takes them only empty
 * (DIALECTS.md §3.1). The analysis follows 1.19: ignored, with a notice.
 */
const NOT_ENFORCED_FIELDS = ['fromRequires', 'toRequires'];
const PORT_RULE_FIELDS_NOT_MODELLED = ['serverNames', 'terminatingTLS', 'originatingTLS', 'listener'];

/** The intent rules of one Cilium rule; none when it selects no peer (`{}`, `fromEndpoints: []`). */
export function readRule(direction: Direction, action: Action, rule: CiliumRule, context: RuleContext): Rule[] {
  for (const field of NOT_MODELLED_FIELDS) if (present(rule[field])) throw new NotModelled(field);
  for (const field of NOT_ENFORCED_FIELDS) {
    if (present(rule[field])) context.notice(`${field} ignored: Cilium 1.19 and later no longer enforce it (an older Cilium enforces it, and may allow less)`);
  }
  const peers = readPeers(direction, rule, context);
  const l4 = readL4(direction, rule);
  if (peers === 'none' || l4 === 'none') return [];
  return l4.map((part) => ({ direction, action, peers, ...part }));
}

function readPeers(direction: Direction, rule: CiliumRule, { namespace, cidrGroups }: RuleContext): Peer[] | 'none' {
  const prefix = direction === 'ingress' ? 'from' : 'to';
  const read: Record<string, (value: any) => Peer[]> = {
    Endpoints: (selector) => [readPeerSelector(selector, namespace)],
    CIDR: (text: string) => [cidrPeer(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`)],
    CIDRSet: (cidrRule) => readCidrRule(cidrRule, cidrGroups),
    Entities: readEntity,
    ...(direction === 'egress' && { FQDNs: readFqdn }),
  };
  const present = Object.keys(read).filter((kind) => rule[`${prefix}${kind}`] !== undefined);
  if (present.filter((kind) => rule[`${prefix}${kind}`].length > 0).length > 1) throw new NotModelled('a rule mixing two kinds of peer (Cilium rejects it)');
  // No peer field: any peer when the rule has ports, nothing at all for the empty rule {}.
  if (present.length === 0) return (rule.toPorts ?? []).length > 0 || (rule.icmps ?? []).length > 0 ? [] : 'none';
  const peers = present.flatMap((kind) => (rule[`${prefix}${kind}`] as unknown[]).flatMap(read[kind]));
  if (peers.some((peer) => peer.kind === 'entity' && peer.entity === 'all')) return [];
  return peers.length > 0 ? peers : 'none';
}

function cidrPeer(cidr: string, except?: string[]): Peer {
  for (const text of [cidr, ...(except ?? [])]) {
    if (typeof parseCidr(text) === 'string') throw new NotModelled(`CIDR "${text}" that is not in canonical form`);
  }
  return { kind: 'cidr', cidr, ...(except && except.length > 0 && { except: [...except] }) };
}

// A CIDR, or a CiliumCIDRGroup's CIDRs (none: the rule selects no address); Cilium applies
// `except` to `cidr` only (the CRD: "using ExceptCIDRs together with CIDRGroupRef is not supported yet").
function readCidrRule(rule: Record<string, any>, groups: CidrGroups): Peer[] {
  if (rule.cidrGroupSelector !== undefined) throw new NotModelled('a CIDR group selector (cidrGroupSelector)');
  if (rule.cidrGroupRef === undefined) {
    if (typeof rule.cidr !== 'string') throw new NotModelled('a CIDR rule without cidr or cidrGroupRef');
    return [cidrPeer(rule.cidr, rule.except)];
  }
  if ((rule.except ?? []).length > 0) throw new NotModelled(`except beside cidrGroupRef "${rule.cidrGroupRef}"`);
  return cidrGroup(groups, rule.cidrGroupRef).map((cidr) => cidrPeer(cidr));
}

function readEntity(entity: string): Peer[] {
  if (entity === 'none') return [];
  if (!ENTITIES.includes(entity as Entity)) throw new NotModelled(`entity "${entity}"`);
  return [{ kind: 'entity', entity: entity as Entity }];
}

function readFqdn(selector: Record<string, string>): Peer[] {
  return [{ kind: 'fqdn', pattern: readPattern(selector) }];
}

function readPattern(selector: Record<string, string>): string {
  const pattern = (selector.matchName ?? selector.matchPattern ?? '').toLowerCase();
  if (!fqdnPatternSchema.safeParse(pattern).success) throw new NotModelled(`DNS name or pattern "${pattern}"`);
  return pattern;
}

type L4Part = Pick<Rule, 'ports' | 'http' | 'dns'>;

/** The protocols Cilium's DNS proxy answers on. */
const DNS_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP'];

// toPorts: one part per port rule (each may carry its own L7 matches); icmps: one part.
function readL4(direction: Direction, rule: CiliumRule): L4Part[] | 'none' {
  const toPorts = (rule.toPorts ?? []) as Record<string, any>[];
  const icmps = (rule.icmps ?? []) as Record<string, any>[];
  if (toPorts.length > 0 && icmps.length > 0) throw new NotModelled('a rule with both toPorts and icmps (Cilium rejects it)');
  if (icmps.length > 0) return [{ ports: icmps.flatMap((icmp) => (icmp.fields ?? []).map(readIcmp)) }];
  if (toPorts.length === 0) return [{ ports: [] }];
  return toPorts.map((portRule) => readPortRule(direction, portRule));
}

function readPortRule(direction: Direction, portRule: Record<string, any>): L4Part {
  for (const field of PORT_RULE_FIELDS_NOT_MODELLED) if (portRule[field] !== undefined) throw new NotModelled(`toPorts ${field}`);
  const entries = (portRule.ports ?? []) as Record<string, any>[];
  if (entries.length === 0) throw new NotModelled('a port rule without ports');
  const { http, dns, ...other } = (portRule.rules ?? {}) as Record<string, any>;
  if (Object.keys(other).length > 0) throw new NotModelled(`L7 rules of kind ${Object.keys(other).join(', ')}`);
  if ((http ?? dns) !== undefined && entries.some((entry) => Number(entry.port) === 0)) throw new NotModelled('L7 rules on port 0 (Cilium rejects them)');
  if (http !== undefined) {
    if (entries.some((entry) => entry.protocol !== 'TCP')) throw new NotModelled('HTTP rules on ports that are not TCP (Cilium rejects them)');
    return { ports: entries.flatMap((entry) => readPort(direction, entry)), http: readHttp(http) };
  }
  if (dns !== undefined) {
    const sctp = entries.find((entry) => !['ANY', 'TCP', 'UDP'].includes(entry.protocol ?? 'ANY'));
    if (sctp) throw new NotModelled(`DNS rules on protocol "${sctp.protocol}"`);
    if (!Array.isArray(dns) || dns.length === 0) throw new NotModelled('an empty list of DNS rules');
    // Cilium's DNS proxy answers on UDP and TCP only: ANY (or no protocol) with DNS rules is those two
    // (the SCTP port it also redirects reaches no DNS server; docs/cilium.md).
    const dnsEntries = entries.flatMap((entry) => (entry.protocol === undefined || entry.protocol === 'ANY' ? DNS_PROTOCOLS.map((protocol) => ({ ...entry, protocol })) : [entry]));
    return { ports: dnsEntries.flatMap((entry) => readPort(direction, entry)), dns: dns.map((selector): DnsMatch => ({ pattern: readPattern(selector) })) };
  }
  return { ports: entries.flatMap((entry) => readPort(direction, entry)) };
}

const TRANSPORT: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

// A port is a decimal number, 0 for every port, or an IANA service name (compared in lower case);
// ANY or no protocol is TCP, UDP and SCTP; endPort is ignored on named ports.
function readPort(direction: Direction, entry: Record<string, any>): Port[] {
  const protocol = entry.protocol ?? 'ANY';
  if (protocol !== 'ANY' && !TRANSPORT.includes(protocol)) throw new NotModelled(`protocol "${protocol}"`);
  const protocols = protocol === 'ANY' ? TRANSPORT : [protocol as Protocol];
  const text = String(entry.port ?? '');
  let port: Pick<Port, 'port' | 'endPort'>;
  if (/^(0|[1-9]\d*)$/.test(text) && Number(text) <= 65535) {
    const number = Number(text);
    const endPort = entry.endPort ?? 0;
    if (number === 0 ? endPort !== 0 : endPort !== 0 && endPort < number) throw new NotModelled(`port "${text}" with endPort ${endPort}`);
    port = number === 0 ? {} : { port: number, ...(endPort > number && { endPort }) };
  } else {
    const name = text.toLowerCase();
    if (portNameProblem(name)) throw new NotModelled(`port "${text}"`);
    // Egress named ports are looked up across all endpoints, not per destination (DIALECTS.md §8.19).
    if (direction === 'egress') throw new NotModelled(`named port "${text}" in an egress rule`);
    port = { port: name };
  }
  return protocols.map((each) => ({ protocol: each, ...port }));
}

function readIcmp(field: Record<string, any>): Port {
  const type = typeof field.type === 'string' && /^\d+$/.test(field.type) ? Number(field.type) : field.type;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 254) throw new NotModelled(`ICMP type "${field.type}"`);
  return { protocol: field.family === 'IPv6' ? 'ICMPv6' : 'ICMP', icmpType: type };
}

function readHttp(rules: unknown): HttpMatch[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new NotModelled('an empty list of HTTP rules');
  return rules.map((rule: Record<string, any>) => {
    const { method, path, host, headers, ...other } = rule;
    if (Object.keys(other).length > 0) throw new NotModelled(`HTTP rule fields ${Object.keys(other).join(', ')}`);
    const match: HttpMatch = {
      ...(method && { method }),
      ...(path && { path }),
      ...(host && { host }),
      ...(headers?.length > 0 && { headers: Object.fromEntries((headers as string[]).map(readHeader)) }),
    };
    // An empty HTTP rule allows every request, but only HTTP: the model has no words for that.
    if (!httpMatchSchema.safeParse(match).success) throw new NotModelled(`HTTP rule ${JSON.stringify(rule)}`);
    return match;
  });
}

// "Name: value" must carry exactly that value; "Name" alone only needs the header present.
function readHeader(header: string): [string, string] {
  const space = header.indexOf(' ');
  if (space < 0) throw new NotModelled(`HTTP header presence match "${header}"`);
  return [header.slice(0, space).replace(/:+$/, ''), header.slice(space + 1)];
}
