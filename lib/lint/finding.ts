import { Severity } from '../dialects/lint-check';

export { Severity } from '../dialects/lint-check';

/** The policy a finding is about, as its manifest names it. */
export interface PolicyRef {
  /** The manifest's kind, e.g. NetworkPolicy (`Policy` for an intent linted without a dialect). */
  readonly kind: string;
  /** Its namespace; absent for a cluster-wide policy. */
  readonly namespace?: string;
  /** Its name. */
  readonly name: string;
}

/** One thing a lint check found. */
export interface Finding {
  /** The check's id (docs/lint.md lists them). */
  readonly id: string;
  /** How much it matters: an error fails `netpol lint`. */
  readonly severity: Severity;
  /** What was found, naming the rule, peer or port. */
  readonly message: string;
  /** Why it matters (the check's one-line reason). */
  readonly why: string;
  /** How to fix it (the check's one-line fix). */
  readonly fix: string;
  /** The policy; absent for a finding about the inputs as a whole. */
  readonly policy?: PolicyRef;
  /** The file the policy was read from, when it was read from one. */
  readonly file?: string;
  /** The document's index in that file, from 0. */
  readonly document?: number;
  /** The field within the policy's manifest, e.g. `spec.egress[0].ports[1]`, when the check knows it. */
  readonly field?: string;
  /** The construct path that made the policy, for a synthesized chart. */
  readonly constructPath?: string;
}

/** `Kind namespace/name` (or `Kind name` when cluster-wide), as messages name a policy. */
export function policyText(policy: PolicyRef): string {
  return `${policy.kind} ${policy.namespace ? `${policy.namespace}/` : ''}${policy.name}`;
}
