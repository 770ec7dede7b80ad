import { fqdnPatternCovers } from '../../model/fqdn-pattern';
import { PolicyIntent } from '../../model/intent';
import { Direction, DIRECTIONS, Rule } from '../../model/rule';
import { isNetworkPolicy, readNetworkPolicy } from '../kubernetes/read';
import { Manifest } from '../manifest';
import { NotModelled, policySource, readEach, ReadResult } from '../read-result';
import { readCidrGroups } from './cidr-groups';
import { CLUSTERWIDE_KIND, isCiliumPolicy } from './kinds';
import { readRule, RuleContext } from './read-rule';
import { readSubject } from './read-selector';

/**
 * The order of the intents that hold Cilium's deny rules. Cilium's deny beats every allow of every
 * policy, and read allows have no order, so every deny intent comes before every allow: deny
 * rules are read into their own intent (same name and path as the policy, `order` DENY_ORDER,
 * isolating nothing), the policy's allows and isolation into another without an order.
 */
export const DENY_ORDER = 0;

/**
 * Reads CNPs, CCNPs and Kubernetes NetworkPolicies as Cilium enforces them. A policy using what
 * the model cannot say exactly (host policies, toServices, Kafka, ...) is reported as not
 * analysed, never read as allowing or denying. CIDR groups are resolved from the input's
 * CiliumCIDRGroup objects.
 */
export function readCilium(manifests: readonly Manifest[]): ReadResult {
  const policies = manifests.filter((manifest) => isCiliumPolicy(manifest) || isNetworkPolicy(manifest));
  const withDnsRules = policies.filter((manifest) => !isNetworkPolicy(manifest) && specsOf(manifest).some(hasDnsRule));
  const cidrGroups = readCidrGroups(manifests);
  return readEach(policies, (manifest, notice) =>
    isNetworkPolicy(manifest) ? [readNetworkPolicyInCilium(manifest)] : readCiliumPolicy(manifest, { cidrGroups, notice }, withDnsRules.some((other) => other !== manifest)),
  );
}

// A DNS rule (toPorts[].rules.dns) in any egress rule of a spec.
function hasDnsRule(spec: Record<string, any>): boolean {
  return ((spec?.egress ?? []) as Record<string, any>[]).some((rule) => (rule?.toPorts ?? []).some((portRule: Record<string, any>) => portRule?.rules?.dns !== undefined));
}

function specsOf(manifest: Manifest): Record<string, any>[] {
  return [manifest.spec, ...((manifest.specs as unknown[]) ?? [])].filter((spec) => spec !== undefined && spec !== null) as Record<string, any>[];
}

// Cilium looks egress named ports up across all endpoints, not per destination (DIALECTS.md §8.19).
function readNetworkPolicyInCilium(manifest: Manifest): PolicyIntent {
  const intent = readNetworkPolicy(manifest);
  const named = intent.rules.some((rule) => rule.direction === 'egress' && rule.ports.some((port) => typeof port.port === 'string'));
  if (named) throw new NotModelled('a named port in an egress rule (Cilium resolves it across all pods, not per destination)');
  return intent;
}

/**
 * Reads one CNP or CCNP: each of its rules (`spec`, `specs`) gives an allow intent and, with deny
 * rules, a deny intent. `input`: the input's CiliumCIDRGroups, and where to say what is ignored. `dnsRulesElsewhere`: whether
 * another policy of the input has DNS rules (they may give this policy's FQDN rules their names).
 * Another spec of the same policy counts as another policy: it may select other endpoints.
 */
function readCiliumPolicy(manifest: Manifest, input: InputContext, dnsRulesElsewhere: boolean): PolicyIntent[] {
  const specs = specsOf(manifest);
  return specs.flatMap((spec) => readSpec(manifest, spec, input, dnsRulesElsewhere || specs.some((other) => other !== spec && hasDnsRule(other))));
}

type InputContext = Omit<RuleContext, 'namespace'>;

function readSpec(manifest: Manifest, spec: Record<string, any>, input: InputContext, dnsRulesElsewhere: boolean): PolicyIntent[] {
  if (spec.nodeSelector !== undefined) throw new NotModelled('a host policy (nodeSelector)');
  const cluster = manifest.kind === CLUSTERWIDE_KIND;
  const namespace = cluster ? undefined : (manifest.metadata.namespace ?? 'default');
  const base = {
    name: manifest.metadata.name,
    scope: namespace === undefined ? ('cluster' as const) : { namespace },
    subject: readSubject(spec.endpointSelector ?? {}, namespace),
    ...(spec.description && { description: String(spec.description) }),
    path: policySource(manifest),
  };
  const sections = (direction: Direction, suffix: '' | 'Deny') => (spec[`${direction}${suffix}`] ?? []) as Record<string, any>[];
  const read = (direction: Direction, suffix: '' | 'Deny'): Rule[] =>
    sections(direction, suffix).flatMap((rule) => readRule(direction, suffix === '' ? 'allow' : 'deny', rule ?? {}, { ...input, namespace }));
  const isolate = DIRECTIONS.filter((direction) => isolates(spec, direction, sections(direction, '').length + sections(direction, 'Deny').length > 0));
  const allows = resolvableFqdns(DIRECTIONS.flatMap((direction) => read(direction, '')), dnsRulesElsewhere);
  const denies = DIRECTIONS.flatMap((direction) => read(direction, 'Deny'));
  return [
    ...(denies.length > 0 ? [{ ...base, isolate: [], rules: denies, order: DENY_ORDER }] : []),
    ...(allows.length > 0 || isolate.length > 0 ? [{ ...base, isolate, rules: allows }] : []),
  ];
}

/**
 * A toFQDNs rule allows only the names the endpoint's own DNS lookups resolve, and Cilium sees
 * them only through a DNS rule (rules.dns) on the endpoint's egress whose patterns cover the name
 * (Cilium docs, policy/language "DNS based": without it the FQDN rule never gets addresses). An
 * FQDN peer that the spec's own DNS rules cover is kept; one no DNS rule of the input could cover
 * allows nothing and is dropped (its rule with it when no peer is left); one that another
 * policy's DNS rules might cover depends on whether they select the same endpoints, which the
 * reader cannot tell: not analysed.
 */
function resolvableFqdns(rules: Rule[], dnsRulesElsewhere: boolean): Rule[] {
  const patterns = rules.flatMap((rule) => (rule.direction === 'egress' ? (rule.dns ?? []).map((match) => match.pattern) : []));
  return rules.flatMap((rule) => {
    if (!rule.peers.some((peer) => peer.kind === 'fqdn')) return [rule];
    const peers = rule.peers.filter((peer) => peer.kind !== 'fqdn' || patterns.some((pattern) => fqdnPatternCovers(pattern, peer.pattern)));
    if (peers.length < rule.peers.length && dnsRulesElsewhere) throw new NotModelled('toFQDNs whose names only another policy\'s DNS rules could resolve');
    return peers.length > 0 ? [{ ...rule, peers }] : [];
  });
}

// enableDefaultDeny defaults to "the direction has rules"; set true without rules, Cilium 1.16
// did not isolate and later versions are unconfirmed (DIALECTS.md §3.2), so it is not guessed.
function isolates(spec: Record<string, any>, direction: Direction, hasRules: boolean): boolean {
  const flag = spec.enableDefaultDeny?.[direction];
  if (flag === true && !hasRules) throw new NotModelled(`enableDefaultDeny.${direction} true for a direction without rules`);
  return flag ?? hasRules;
}
