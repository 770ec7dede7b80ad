import { z } from 'zod';
import { dnsLabelProblem } from './names';
import { namespaceNameSchema, namespaceSelectionSchema } from './peer';
import { DIRECTIONS, ruleSchema } from './rule';
import { labelSelectorSchema } from './selector';

/** The order of the default tier, where policies without a tier are (Calico's numbering). */
export const DEFAULT_TIER_ORDER = 1_000_000;

const policyNameSchema = z.string().superRefine((name, ctx) => {
  const problem = dnsLabelProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A tier: a group of policies evaluated before (lower order) or after the default tier. */
export const tierSchema = z.strictObject({
  /** The tier's name (a DNS-1123 label other than the built-in default, kube-admin and kube-baseline). */
  name: policyNameSchema.refine((name) => !['default', 'kube-admin', 'kube-baseline'].includes(name), {
    message: 'default, kube-admin and kube-baseline are built-in tiers: leave tier unset for the default tier, or name your own',
  }),
  /** Where the tier stands: lower first; the default tier is at 1,000,000. */
  order: z.number().refine(Number.isFinite, { message: 'a tier order is a finite number' }),
});
export type Tier = z.infer<typeof tierSchema>;

/** The pods a policy is about. */
export const subjectSchema = z.strictObject({
  /** Which pods, by labels; `{}` is every pod in scope. */
  pods: labelSelectorSchema,
  /** For a cluster-wide policy, which namespaces' pods; absent means all namespaces. */
  namespaces: namespaceSelectionSchema.optional(),
});
export type Subject = z.infer<typeof subjectSchema>;

/**
 * A dialect-neutral network policy. Meaning:
 * - `isolate` lists every direction in which the policy puts its subject into default deny; a
 *   direction with rules that is not in `isolate` only adds allows (Cilium's enableDefaultDeny: false).
 * - Policies are evaluated by (tier order, order, name), rules by position; the first allow, deny
 *   or pass that matches decides; what nothing decides in an isolated direction is denied.
 */
export const policyIntentSchema = z
  .strictObject({
    /** The policy's name, a DNS-1123 label. */
    name: policyNameSchema,
    /** The namespace the policy is in, or 'cluster' for a cluster-wide policy. */
    scope: z.union([z.literal('cluster'), z.strictObject({ namespace: namespaceNameSchema })]),
    /** The pods the policy is about. */
    subject: subjectSchema,
    /** The directions in which the subject is isolated (default deny). */
    isolate: z.array(z.enum(DIRECTIONS)),
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
    const cluster = intent.scope === 'cluster';
    if (!cluster && intent.subject.namespaces !== undefined) {
      problem(['subject', 'namespaces'], 'only a cluster-wide policy selects namespaces for its subject; a namespaced policy is about pods of its own namespace');
    }
    intent.rules.forEach((rule, ruleIndex) => {
      if ((rule.action === 'deny' || rule.action === 'pass') && intent.order === undefined) {
        problem(['rules', ruleIndex, 'action'], `a ${rule.action} rule needs the policy's order, so that it is clear which allows it comes before (lower order first)`);
      }
      rule.peers.forEach((peer, peerIndex) => {
        if (cluster && (peer.kind === 'pods' || peer.kind === 'serviceAccount') && peer.namespaces === undefined) {
          problem(['rules', ruleIndex, 'peers', peerIndex, 'namespaces'], `a cluster-wide policy has no namespace of its own: say which namespaces the ${peer.kind} peer is in (names, a selector, or 'all')`);
        }
      });
    });
  });

export type PolicyIntent = z.infer<typeof policyIntentSchema>;
