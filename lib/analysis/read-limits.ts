// Bounds on what reading manifests may cost: `netpol` reads pull-request content in CI, so a hostile
// input (an alias bomb, a deeply nested document, a huge file, an endless stream) must end in a
// clear input error, never an out-of-memory crash or a hang.

/** How much reading manifests may take; every limit ends in an input error (exit 2) naming it. */
export interface ReadLimits {
  /** The most bytes read from all inputs together (files and standard input). Default 256 MiB (`--max-input-bytes`). */
  readonly maxInputBytes: number;
  /** The deepest nesting of maps and lists in one document. Default 100 (real manifests stay under 30). */
  readonly maxDepth: number;
  /** The most YAML aliases (`*name`) in one file. Default 100 (kubectl and Helm write none). */
  readonly maxAliases: number;
  /** The most values one document may expand to through its aliases. Default 1,000,000. */
  readonly maxExpandedValues: number;
  /** How long standard input may stay silent before reading gives up, in milliseconds. Default 300,000 (5 minutes). */
  readonly stdinIdleMs: number;
}

/** The limits `netpol` applies unless told otherwise. */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxInputBytes: 256 * 1024 * 1024,
  maxDepth: 100,
  maxAliases: 100,
  maxExpandedValues: 1_000_000,
  stdinIdleMs: 300_000,
};
