// The one rule every command and API that reads policies follows: a partial read never passes
// silently. `reach`, `explain` and `diff` (and lint, convert, report, the cdk8s plugin and the
// vitest matchers) ask partialRead what to say and whether to fail.
import { NotAnalysed } from '../dialects/read-result';

/** The exit code of an answer that skipped a policy, rule or field (below an input error's 2, above a failed check's 1). */
export const PARTIAL_EXIT_CODE = 3;

/** What a read left out, and whether that fails the run. */
export interface PartialRead {
  /** The policies (and the feature of each) the answer ignores; empty when the read was complete. */
  readonly skipped: readonly NotAnalysed[];
  /** One line per skipped policy, for stderr, a log or a matcher's message: `not analysed: Kind ns/name: feature`. */
  readonly lines: readonly string[];
  /** Whether the caller must fail (exit PARTIAL_EXIT_CODE, a failing matcher): something was skipped and partial answers were not allowed. */
  readonly fails: boolean;
}

/** How strict a caller is about partial reads. */
export interface PartialReadOptions {
  /** Accept a partial answer (`--allow-partial`): the lines are still reported, but the run does not fail. Default false. */
  readonly allowPartial?: boolean;
}

/**
 * Judges a read: every skipped policy becomes a line to report, and unless partial answers are
 * allowed, any skipped policy fails the run.
 */
export function partialRead(notAnalysed: readonly NotAnalysed[], options: PartialReadOptions = {}): PartialRead {
  const lines = notAnalysed.map(({ policy, feature }) => `not analysed, so the answer ignores it: ${policy}: ${feature}`);
  return { skipped: notAnalysed, lines, fails: notAnalysed.length > 0 && options.allowPartial !== true };
}
