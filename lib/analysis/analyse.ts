import { SourcedManifest } from './manifests';
import { Policies, readPolicies } from './policies';
import { reach, Reachability } from './reach';
import { readWorkloads, Workloads } from './workloads';
import { DialectName } from '../dialects/capabilities';

/** The inputs of a command, evaluated. */
export interface Analysed {
  /** The policies read, with the engine and what was not analysed. */
  readonly policies: Policies;
  /** Who can reach whom. */
  readonly reachability: Reachability;
  /** The workloads read, with the notices of what reading skipped. */
  readonly workloads: Workloads;
}

/** Reads workloads and policies from the same manifests and evaluates them with the engine's semantics. */
export function analyse(manifests: readonly SourcedManifest[], engine?: DialectName): Analysed {
  const workloads = readWorkloads(manifests);
  const policies = readPolicies(manifests.map((sourced) => sourced.manifest), engine);
  return { policies, reachability: reach(policies.intents, workloads), workloads };
}
