import { PolicyIntent } from '../../model/intent';
import { Direction, DIRECTIONS, Rule } from '../../model/rule';
import { isNetworkPolicy, readNetworkPolicy } from '../kubernetes/read';
import { Manifest } from '../manifest';
import { NotModelled, policySource, readEach, ReadResult } from '../read-result';
import { CLUSTERWIDE_KIND, isCiliumPolicy } from './kinds';
import { readRule } from './read-rule';
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
 * the model cannot say exactly (host policies, toServices, CIDR groups, Kafka, ...) is reported
 * as not analysed, never read as allowing or denying.
 */
export function readCilium(manifests: readonly Manifest[]): ReadResult {
  return readEach(
    manifests.filter((manifest) => isCiliumPolicy(manifest) || isNetworkPolicy(manifest)),
    (manifest) => (isNetworkPolicy(manifest) ? [readNetworkPolicyInCilium(manifest)] : readCiliumPolicy(manifest)),
  );
}

// Cilium looks egress named ports up across all endpoints, not per destination (DIALECTS.md §8.19).
function readNetworkPolicyInCilium(manifest: Manifest): PolicyIntent {
  const intent = readNetworkPolicy(manifest);
  const named = intent.rules.some((rule) => rule.direction === 'egress' && rule.ports.some((port) => typeof port.port === 'string'));
  if (named) throw new NotModelled('a named port in an egress rule (Cilium resolves it across all pods, not per destination)');
  return intent;
}

/** Reads one CNP or CCNP: each of its rules (`spec`, `specs`) gives an allow intent and, with deny rules, a deny intent. */
export function readCiliumPolicy(manifest: Manifest): PolicyIntent[] {
  const specs = [manifest.spec, ...((manifest.specs as unknown[]) ?? [])].filter((spec) => spec !== undefined && spec !== null);
  return specs.flatMap((spec) => readSpec(manifest, spec as Record<string, any>));
}

function readSpec(manifest: Manifest, spec: Record<string, any>): PolicyIntent[] {
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
    sections(direction, suffix).flatMap((rule) => readRule(direction, suffix === '' ? 'allow' : 'deny', rule ?? {}, namespace));
  const isolate = DIRECTIONS.filter((direction) => isolates(spec, direction, sections(direction, '').length + sections(direction, 'Deny').length > 0));
  const allows = DIRECTIONS.flatMap((direction) => read(direction, ''));
  const denies = DIRECTIONS.flatMap((direction) => read(direction, 'Deny'));
  return [
    ...(denies.length > 0 ? [{ ...base, isolate: [], rules: denies, order: DENY_ORDER }] : []),
    ...(allows.length > 0 || isolate.length > 0 ? [{ ...base, isolate, rules: allows }] : []),
  ];
}

// enableDefaultDeny defaults to "the direction has rules"; set true without rules, Cilium 1.16
// did not isolate and later versions are unconfirmed (DIALECTS.md §3.2), so it is not guessed.
function isolates(spec: Record<string, any>, direction: Direction, hasRules: boolean): boolean {
  const flag = spec.enableDefaultDeny?.[direction];
  if (flag === true && !hasRules) throw new NotModelled(`enableDefaultDeny.${direction} true for a direction without rules`);
  return flag ?? hasRules;
}
