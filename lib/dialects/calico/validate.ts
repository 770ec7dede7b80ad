import * as ipaddr from 'ipaddr.js';
import { DEFAULT_TIER_ORDER } from '../../model/intent';
import { dnsLabelProblem, portNameProblem } from '../../model/names';
import { Manifest } from '../manifest';
import { CALICO_API_VERSION, CALICO_KINDS, DEFAULT_TIER_NAME } from './kinds';
import { parseCalicoSelector, SelectorNode, SelectorSyntaxError } from './selector-parser';

// The checks Calico's own validator makes and its CRD schema does not (DIALECTS.md §8.7): selector
// syntax, port and CIDR syntax, one IP family per rule, names. From projectcalico/calico
// libcalico-go/lib/validator/v3/validator.go (validateRule, validateEntityRule, validatePort,
// validateNetworkPolicy, validateGlobalNetworkPolicy, validateTier).

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
// A NetworkPolicy name: a label, label.label, or a knp.default./ossg.default. prefixed subdomain.
const POLICY_NAME = new RegExp(`^((${LABEL})(\\.${LABEL})?|((knp|ossg)\\.default\\.${SUBDOMAIN}))$`);
const GLOBAL_POLICY_NAME = new RegExp(`^(${LABEL}\\.)?${LABEL}$`);
const PROTOCOL_NAMES = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
// Protocols that have ports, by name and by number (TCP 6, UDP 17, SCTP 132).
const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP', 6, 17, 132];
const ICMP_PROTOCOLS = ['ICMP', 1, 'ICMPv6', 58];

type Fields = Record<string, any>;

/** The problems Calico's validator finds in a projectcalico.org/v3 policy or tier, as `field: message` lines. */
export function calicoProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const problem = (field: string, message: string) => problems.push(`${field}: ${message}`);
  const { name = '', namespace } = manifest.metadata ?? {};
  const spec = (manifest.spec ?? {}) as Fields;
  if (manifest.apiVersion !== CALICO_API_VERSION) problem('apiVersion', `is not ${CALICO_API_VERSION}`);
  switch (manifest.kind) {
    case CALICO_KINDS.tier:
      if (dnsLabelProblem(name)) problem('metadata.name', 'a tier name is a DNS-1123 label of at most 63 characters (no dots)');
      if (namespace !== undefined) problem('metadata.namespace', 'a Tier is cluster-wide: it has no namespace');
      if (name === DEFAULT_TIER_NAME && spec.order !== DEFAULT_TIER_ORDER) problem('spec.order', `the default tier's order is ${DEFAULT_TIER_ORDER}`);
      return problems;
    case CALICO_KINDS.policy:
      if (name.length > 253 || !POLICY_NAME.test(name)) problem('metadata.name', `"${name}" is not a NetworkPolicy name: a DNS-1123 label, or two joined by one dot`);
      if (namespace === undefined || dnsLabelProblem(namespace)) problem('metadata.namespace', 'a NetworkPolicy needs a namespace, a DNS-1123 label');
      break;
    case CALICO_KINDS.globalPolicy:
      if (!GLOBAL_POLICY_NAME.test(name)) problem('metadata.name', `"${name}" is not a GlobalNetworkPolicy name: a DNS-1123 label, or two joined by one dot`);
      if (namespace !== undefined) problem('metadata.namespace', 'a GlobalNetworkPolicy is cluster-wide: it has no namespace');
      selectorProblems(spec, ['namespaceSelector'], 'spec', false, problem);
      break;
    default:
      problem('kind', `${manifest.kind} is not a Calico policy kind`);
      return problems;
  }
  const types = (spec.types ?? []) as unknown[];
  if (types.some((type) => type !== 'Ingress' && type !== 'Egress') || new Set(types).size !== types.length) {
    problem('spec.types', `${JSON.stringify(spec.types)}: types are Ingress and Egress, each at most once`);
  }
  selectorProblems(spec, POLICY_SELECTOR_FIELDS, 'spec', false, problem);
  for (const direction of ['ingress', 'egress'] as const) {
    ((spec[direction] ?? []) as Fields[]).forEach((rule, index) => ruleProblems(rule ?? {}, `spec.${direction}[${index}]`, problem));
  }
  return problems;
}

// Field names are put together only for a problem: P2 checks 50,000 policies that have none.
const PROTOCOL_FIELDS = ['protocol', 'notProtocol'] as const;
const SIDES = ['source', 'destination'] as const;
const PORT_FIELDS = ['ports', 'notPorts'] as const;
const NET_FIELDS = ['nets', 'notNets'] as const;
const POLICY_SELECTOR_FIELDS = ['selector', 'serviceAccountSelector'];
const ENTITY_SELECTOR_FIELDS = ['selector', 'notSelector', 'namespaceSelector'];
const ICMP_FIELDS = ['icmp', 'notICMP'] as const;

function ruleProblems(rule: Fields, at: string, problem: (field: string, message: string) => void): void {
  const { protocol, ipVersion } = rule;
  for (const field of PROTOCOL_FIELDS) {
    const value = rule[field];
    if (value === undefined) continue;
    const valid = typeof value === 'number' ? Number.isInteger(value) && value >= 1 && value <= 255 : PROTOCOL_NAMES.includes(value);
    if (!valid) problem(`${at}.${field}`, `"${value}" is not a protocol: use ${PROTOCOL_NAMES.join(', ')} or a number 1-255`);
  }
  const families = new Set<number>();
  for (const side of SIDES) {
    const entity = rule[side] as Fields | null | undefined;
    if (entity === undefined || entity === null) continue;
    for (const field of PORT_FIELDS) {
      const ports = (entity[field] ?? []) as unknown[];
      if (ports.length > 0 && !PORT_PROTOCOLS.includes(protocol)) problem(`${at}.${side}.${field}`, 'rules with ports need protocol TCP, UDP or SCTP');
      ports.forEach((port, index) => {
        const portProblem = calicoPortProblem(port);
        if (portProblem) problem(`${at}.${side}.${field}[${index}]`, portProblem);
      });
    }
    for (const field of NET_FIELDS) {
      ((entity[field] ?? []) as string[]).forEach((net, index) => {
        const family = netFamily(net);
        if (family === undefined) problem(`${at}.${side}.${field}[${index}]`, `"${net}" is not a CIDR`);
        else families.add(family);
        if (family !== undefined && ipVersion !== undefined && family !== ipVersion) problem(`${at}.${side}.${field}[${index}]`, `an IPv${family} CIDR in an ipVersion ${ipVersion} rule`);
      });
    }
    selectorProblems(entity, ENTITY_SELECTOR_FIELDS, `${at}.${side}`, true, problem);
    if (entity.serviceAccounts) selectorProblems(entity.serviceAccounts, ['selector'], `${at}.${side}.serviceAccounts`, false, problem);
  }
  if (families.size > 1) problem(at, 'a rule cannot mix IPv4 and IPv6 CIDRs: split it by family');
  for (const field of ICMP_FIELDS) {
    if (rule[field] !== undefined && !ICMP_PROTOCOLS.includes(protocol)) problem(`${at}.${field}`, 'ICMP fields need protocol ICMP or ICMPv6');
  }
  if (ipVersion !== undefined && ICMP_PROTOCOLS.includes(protocol) && ipVersion !== (['ICMP', 1].includes(protocol) ? 4 : 6)) {
    problem(`${at}.ipVersion`, `${ipVersion} does not fit protocol ${protocol}`);
  }
}

/** What is wrong with a Calico port (a number, "min:max" or a port name), or undefined. */
export function calicoPortProblem(port: unknown): string | undefined {
  const text = String(port);
  const range = /^(\d+)(?::(\d+))?$/.exec(text);
  if (typeof port !== 'number' && typeof port !== 'string') return `${JSON.stringify(port)} is not a port`;
  if (!range) return portNameProblem(text);
  const [low, high] = [Number(range[1]), Number(range[2] ?? range[1])];
  if (low < 1 || high > 65535 || low > high) return `"${text}" is not a port or range: use 1-65535, low:high`;
  return undefined;
}

/** The IP family of a CIDR or an address as Calico accepts it (host bits allowed), or undefined. */
function netFamily(net: string): 4 | 6 | undefined {
  const text = String(net);
  if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text)[0].kind() === 'ipv4' ? 4 : 6;
  if (ipaddr.isValid(text)) return ipaddr.parse(text).kind() === 'ipv4' ? 4 : 6;
  return undefined;
}

// Policies repeat a few selectors many times (P2: 50,000 policies): each text is parsed once, up
// to a bound, so a long-lived process (the cdk8s plugin) does not keep every selector it saw.
const parsedSelectors = new Map<string, SelectorNode | SelectorSyntaxError>();
const PARSED_SELECTORS_KEPT = 10_000;

function parsedSelector(text: string): SelectorNode | SelectorSyntaxError {
  let parsed = parsedSelectors.get(text);
  if (parsed === undefined) {
    try {
      parsed = parseCalicoSelector(text);
    } catch (error) {
      if (!(error instanceof SelectorSyntaxError)) throw error;
      parsed = error;
    }
    if (parsedSelectors.size >= PARSED_SELECTORS_KEPT) parsedSelectors.clear();
    parsedSelectors.set(text, parsed);
  }
  return parsed;
}

/** The problems of the selectors in these fields of an object at `at` (`inRule`: a rule's source or destination). */
function selectorProblems(fields: Fields, names: readonly string[], at: string, inRule: boolean, problem: (field: string, message: string) => void): void {
  for (const name of names) {
    const text = fields[name];
    if (text === undefined) continue;
    const node = parsedSelector(String(text));
    if (node instanceof SelectorSyntaxError) {
      problem(`${at}.${name}`, `"${text}" is not a Calico selector: ${node.message}`);
    } else if (usesGlobal(node) && !(inRule && name === 'namespaceSelector' && node.kind === 'global')) {
      // global() is allowed only in a rule's namespaceSelector, and only on its own.
      problem(`${at}.${name}`, `"${text}": global() is allowed only alone, in a rule's namespaceSelector`);
    }
  }
}

function usesGlobal(node: SelectorNode): boolean {
  switch (node.kind) {
    case 'global': return true;
    case 'not': return usesGlobal(node.operand);
    case 'and':
    case 'or': return node.operands.some(usesGlobal);
    default: return false;
  }
}
