import { z } from 'zod';
import { dnsLabelProblem } from './names';
import { namespaceNameSchema, namespaceSelectionSchema } from './peer';
import { directionSchema, Rule, ruleSchema } from './rule';
import { LabelSelector, labelSelectorSchema } from './selector';
import { NamespaceSelection } from './peer';
import { Direction } from './rule';
import { SameType } from './same-type';

/** The order of the default tier, where policies without a tier are (Calico's numbering). */
export const DEFAULT_TIER_ORDER = 1_000_000;

const policyNameSchema = z.string().superRefine((name, ctx) => {
  const problem = dnsLabelProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The tiers an engine makes itself (Calico's, where ClusterNetworkPolicies go): no policy names them. */
export const BUILT_IN_TIER_NAMES: readonly string[] = ['default', 'kube-admin', 'kube-baseline'];

/** @internal */
export const tierSchema = z.strictObject({
  /** The tier's name (a DNS-1123 label other than the built-in default, kube-admin and kube-baseline). */
  name: policyNameSchema.refine((name) => !BUILT_IN_TIER_NAMES.includes(name), {
    message: 'default, kube-admin and kube-baseline are built-in tiers: leave tier unset for the default tier, or name your own',
  }),
  /** Where the tier stands: lower first; the default tier is at 1,000,000. */
  order: z.number().refine(Number.isFinite, { message: 'a tier order is a finite number' }),
  /** What happens to a connection no policy of the tier decided, when one of them isolates it. Default: deny. */
  defaultAction: z.enum(['deny', 'pass']).optional(),
});
/** A tier: a group of policies evaluated before (lower order) or after the default tier. */
export interface Tier {
  /** The tier's name (a DNS-1123 label other than the built-in default, kube-admin and kube-baseline). */
  name: string;
  /** Where the tier stands: lower first; the default tier is at 1,000,000. */
  order: number;
  /** What happens to a connection no policy of the tier decided, when one of them isolates it. @default 'deny' */
  defaultAction?: 'deny' | 'pass';
}

/** @internal */
export const subjectSchema = z.strictObject({
  /** Which pods, by labels; `{}` is every pod in scope. */
  pods: labelSelectorSchema,
  /** For a cluster-wide policy, which namespaces' pods; absent means all namespaces. */
  namespaces: namespaceSelectionSchema.optional(),
});
/** The pods a policy is about. */
export interface Subject {
  /** Which pods, by labels; `{}` is every pod in scope. */
  pods: LabelSelector;
  /** For a cluster-wide policy, which namespaces' pods. @default all namespaces */
  namespaces?: NamespaceSelection;
}

/**
 * A dialect-neutral network policy. What a set of intents means, whatever the dialect (readers
 * translate each dialect's YAML into intents that mean exactly this, and one evaluator serves all):
 *
 * - A connection from A to B is allowed when egress is allowed at A (if A is a pod) and ingress
 *   is allowed at B (if B is a pod). Addresses outside the cluster have no policies of their own.
 * - In one direction at one pod, the policies that apply are those whose subject selects the pod
 *   and that isolate the direction or have rules in it.
 * - They are visited by tier (tier order; no tier = the default tier at DEFAULT_TIER_ORDER), then
 *   by order (absent = after every ordered policy of the tier), then by name; rules top to bottom.
 *   The first allow, deny or pass rule that matches decides: allow and deny are final, pass skips
 *   the rest of the tier. A log rule records and goes on.
 * - When no rule of a tier decided and one of the tier's applying policies isolates the direction,
 *   the tier's defaultAction decides (deny unless the tier says pass). Otherwise the next tier is
 *   visited; after the last one the connection is allowed (nothing isolates it).
 * - A rule matches when the peer matches one of `peers` ([] = any) and the connection one of
 *   `ports` ([] = any). cidr peers (and entity CIDRs) match addresses outside the cluster only;
 *   pods, namespaces and service-account peers match pods; a named port matches the destination
 *   pod's container port of that name and protocol.
 * - So Kubernetes' additive allows are allow rules without order, Calico's first match is order,
 *   and Cilium's deny-over-allow is deny rules ordered before every allow: data, not branches.
 * @internal
 */
export const policyIntentSchema = z
  .strictObject({
    /** The policy's name, a DNS-1123 label. */
    name: policyNameSchema,
    /** The namespace the policy is in, or 'cluster' for a cluster-wide policy (second: a failed first branch costs a namespaced policy's parse twice as much). */
    scope: z.union([z.strictObject({ namespace: namespaceNameSchema }), z.literal('cluster')]),
    /** The pods the policy is about. */
    subject: subjectSchema,
    /** The directions in which the subject is isolated (default deny). */
    isolate: z.array(directionSchema),
    /** The rules, in evaluation order. */
    rules: z.array(ruleSchema),
    /** The tier; absent is the default tier. */
    tier: tierSchema.optional(),
    /** The order within the tier, lower first; absent is after every ordered policy. */
    order: z.number().refine(Number.isFinite, { message: 'an order is a finite number' }).optional(),
    /** What the policy is for, for readers. */
    description: z.string().optional(),
    /** The construct path that made the policy, named in error messages. */
    path: z.string().optional(),
  })
  .superRefine((intent, ctx) => {
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (new Set(intent.isolate).size !== intent.isolate.length) problem(['isolate'], 'a direction is listed twice');
    if (intent.scope !== 'cluster' && intent.subject.namespaces !== undefined) {
      problem(['subject', 'namespaces'], 'only a cluster-wide policy selects namespaces for its subject; a namespaced policy is about pods of its own namespace');
    }
    intent.rules.forEach((rule, ruleIndex) => {
      for (const { path, message } of ruleInPolicyProblems(intent, rule)) problem(['rules', ruleIndex, ...path], message);
    });
  });

/**
 * What is wrong with a rule where it stands: the checks that need its policy (a deny or pass
 * needs the policy's order; a cluster-wide policy's pod peers need namespaces). Paths are
 * relative to the rule.
 */
export function ruleInPolicyProblems(policy: { scope: 'cluster' | { namespace: string }; order?: number }, rule: Rule): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  if ((rule.action === 'deny' || rule.action === 'pass') && policy.order === undefined) {
    problems.push({ path: ['action'], message: `a ${rule.action} rule needs the policy's order, so that it is clear which allows it comes before (lower order first)` });
  }
  rule.peers.forEach((peer, peerIndex) => {
    if (policy.scope === 'cluster' && (peer.kind === 'pods' || peer.kind === 'serviceAccount') && peer.namespaces === undefined) {
      problems.push({
        path: ['peers', peerIndex, 'namespaces'],
        message: `a cluster-wide policy has no namespace of its own: say which namespaces the ${peer.kind} peer is in (names, a selector, or 'all')`,
      });
    }
  });
  return problems;
}

/** A dialect-neutral network policy (what it means: `policyIntentSchema`'s comment). */
export interface PolicyIntent {
  /** The policy's name, a DNS-1123 label. */
  name: string;
  /** The namespace the policy is in, or 'cluster' for a cluster-wide policy. */
  scope: 'cluster' | { namespace: string };
  /** The pods the policy is about. */
  subject: Subject;
  /** The directions in which the subject is isolated (default deny). */
  isolate: Direction[];
  /** The rules, in evaluation order. */
  rules: Rule[];
  /** The tier. @default the default tier */
  tier?: Tier;
  /** The order within the tier, lower first. @default after every ordered policy */
  order?: number;
  /** What the policy is for, for readers. @default none */
  description?: string;
  /** The construct path that made the policy, named in error messages. @default none */
  path?: string;
}

/** @internal */
export const intentTypesMatchSchemas: [SameType<PolicyIntent, z.infer<typeof policyIntentSchema>>, SameType<Tier, z.infer<typeof tierSchema>>, SameType<Subject, z.infer<typeof subjectSchema>>] = [true, true, true];
