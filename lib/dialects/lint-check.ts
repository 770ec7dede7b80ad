import { Manifest } from './manifest';

/** How much a lint finding matters: an error fails `netpol lint` (exit 1); a warning or info does not. */
export type Severity = 'error' | 'warning' | 'info';

/** What a lint check is, as documented in docs/lint.md and listed in SARIF output. */
export interface CheckInfo {
  /** The check's id, used in `--disable` and the lint-disable annotation (lowercase words joined by '-'). */
  readonly id: string;
  /** How much a finding of the check matters. */
  readonly severity: Severity;
  /** What the check finds, in a few words. */
  readonly summary: string;
  /** Why it matters, in one line. */
  readonly why: string;
  /** How to fix it, in one line. */
  readonly fix: string;
}

/** One place a manifest check found: what it found, and the manifest's field (e.g. `spec.policyTypes`). */
export interface ManifestProblem {
  /** What was found, naming the rule or value. */
  readonly message: string;
  /** The field within the manifest. */
  readonly field: string;
}

/**
 * A lint check that needs a dialect's raw YAML (what reading into intents does not keep). A
 * dialect lists its own in its registry entry; each check looks only at the kinds it knows.
 */
export interface ManifestCheck extends CheckInfo {
  /** The problems in one manifest (none for kinds the check does not know). */
  readonly check: (manifest: Manifest) => ManifestProblem[];
}
