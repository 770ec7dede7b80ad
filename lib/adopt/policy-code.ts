import { policyNameFromId } from '../constructs/names';
import { BUILT_IN_TIER_NAMES, DEFAULT_TIER_ORDER, PolicyIntent } from '../model/intent';
import { Action, Direction, DIRECTIONS, Rule } from '../model/rule';
import { dnsInspectionRule } from '../constructs/dns';
import { namespacesCode, peerCode, portCode, selectorCode } from './factories';
import { call, Code, literal } from './source-text';

/** The chart a policy's code goes into. */
export interface ChartScope {
  /** The variable that holds the chart. */
  readonly variable: string;
  /** The chart's default namespace, if it has one. */
  readonly namespace?: string;
}

/** A construct as source text: one expression, and the names it uses from the library. */
export interface ConstructSource {
  /** `new X(chart, 'Id', {...})...`, continuation lines indented by `indent` + two spaces. */
  readonly expression: string;
  /** The library exports the expression uses (Policy, Peer, Port, DefaultDeny, ...). */
  readonly uses: readonly string[];
}

const METHOD: Record<Action, Record<Direction, string>> = {
  allow: { ingress: 'allowFrom', egress: 'allowTo' },
  deny: { ingress: 'denyFrom', egress: 'denyTo' },
  pass: { ingress: 'passFrom', egress: 'passTo' },
  log: { ingress: 'logFrom', egress: 'logTo' },
};

/** `{ a: 1, b: 2 }` on one line when it fits, else one field per line. */
export function objectCode(fields: Record<string, unknown>, indent: string, room = 80): string {
  const flat = literal(fields);
  if (flat.length <= room) return flat;
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${indent}  ${literal({ [key]: value }).slice(2, -2)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The props every construct of a policy shares: name (when the id does not give it) and namespace (when the chart does not). */
export function nameAndNamespace(intent: PolicyIntent, id: string, chart: ChartScope): Record<string, unknown> {
  const namespace = intent.scope === 'cluster' ? undefined : intent.scope.namespace;
  return {
    name: policyNameFromId(id) === intent.name ? undefined : intent.name,
    namespace: namespace === chart.namespace ? undefined : namespace,
  };
}

/** A policy as the Policy builder: its props, then one call per rule, in order. */
export function builderSource(intent: PolicyIntent, id: string, chart: ChartScope, indent: string): ConstructSource {
  const uses = new Set(['Policy']);
  const ruled = new Set(intent.rules.map((rule) => rule.direction));
  // defaultDeny: false (Cilium's allow without isolation) when a direction has rules but is not isolated.
  const allowOnly = DIRECTIONS.some((direction) => ruled.has(direction) && !intent.isolate.includes(direction));
  const isolate = allowOnly ? intent.isolate : intent.isolate.filter((direction) => !ruled.has(direction));
  const props = {
    ...nameAndNamespace(intent, id, chart),
    clusterWide: intent.scope === 'cluster' ? true : undefined,
    select: Object.keys(intent.subject.pods).length === 0 ? undefined : new Code(selectorCode(intent.subject.pods)),
    namespaces: intent.subject.namespaces !== undefined ? new Code(namespacesCode(intent.subject.namespaces)) : undefined,
    isolate: isolate.length > 0 ? isolate : undefined,
    defaultDeny: allowOnly ? false : undefined,
    tier: tierCode(intent, uses),
    order: intent.order,
    description: intent.description,
  };
  const head = `new Policy(${chart.variable}, ${literal(id)}${Object.values(props).some((value) => value !== undefined) ? `, ${objectCode(props, indent)}` : ''})`;
  const calls: string[] = [];
  let dnsInspected = false;
  for (let index = 0; index < intent.rules.length; index++) {
    const rule = intent.rules[index];
    // The builder adds the DNS rule FQDN peers need after the first rule with one: when the input's
    // next rule is that (its description aside, which the check of the whole policy judges), it is
    // left to the builder; otherwise the FQDN rule is added as data.
    const firstFqdn = !dnsInspected && rule.peers.some((peer) => peer.kind === 'fqdn');
    const builderDns = firstFqdn && intent.rules[index + 1] !== undefined && JSON.stringify(withoutDescription(intent.rules[index + 1])) === JSON.stringify(withoutDescription(dnsInspectionRule()));
    calls.push(ruleCall(rule, `${indent}  `, uses, firstFqdn && !builderDns));
    if (firstFqdn) dnsInspected = true;
    if (builderDns) index++;
  }
  const expression = [head, ...calls.map((text) => `${indent}  ${text}`)].join('\n');
  return { expression, uses: [...uses] };
}

// A policy read from an engine's own tier (a ClusterNetworkPolicy's Admin or Baseline tier) goes
// into the library's tier on the same side of the default tier: the one the constructs write there
// (the import's rendering check proves it changes nothing).
function tierCode(intent: PolicyIntent, uses: Set<string>): PolicyIntent['tier'] | Code {
  if (!intent.tier || !BUILT_IN_TIER_NAMES.includes(intent.tier.name)) return intent.tier;
  const name = intent.tier.order < DEFAULT_TIER_ORDER ? 'ADMIN_TIER' : 'BASELINE_TIER';
  uses.add(name);
  return new Code(name);
}

function withoutDescription(rule: Rule): Omit<Rule, 'description'> {
  const { description: _description, ...rest } = rule;
  return rest;
}

function ruleCall(rule: Rule, indent: string, uses: Set<string>, asData: boolean): string {
  const peers = rule.peers.map(peerCode);
  const ports = rule.ports.map(portCode);
  if (rule.peers.length > 0) uses.add('Peer');
  if (rule.ports.length > 0) uses.add('Port');
  if (rule.dns || asData) {
    // The builder's rule methods take no DNS matches: such a rule is added as data, with factories for its parts.
    const data = { direction: rule.direction, action: rule.action, peers, ports, http: rule.http, dns: rule.dns, description: rule.description };
    return `.addRuleIntent(${objectCode(data, indent, 100)})`;
  }
  if (rule.peers.length === 0) uses.add('Peer');
  const peerArg = rule.peers.length === 0 ? 'Peer.any()' : rule.peers.length === 1 ? peers[0].text : literal(peers);
  const options = { ports: ports.length > 0 ? ports : undefined, http: rule.http, description: rule.description };
  const args = [peerArg, ...(Object.values(options).some((value) => value !== undefined) ? [objectCode(options, indent, 100)] : [])];
  return call(`.${METHOD[rule.action][rule.direction]}`, args, indent);
}
