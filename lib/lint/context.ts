import { PolicyAnalysis } from '../analysis/analysis';
import { SourcedManifest } from '../analysis/manifests';
import { Workloads } from '../analysis/workloads';
import { DialectName } from '../dialects/capabilities';
import { Manifest } from '../dialects/manifest';
import { NotAnalysed } from '../dialects/read-result';
import { PolicyIntent } from '../model/intent';
import { ClusterFacts } from './cluster-facts';
import { PolicyRef } from './finding';

/** A policy as lint sees it: its intent, and where it came from. */
export interface LintPolicy {
  /** The intent, read back from YAML or given. */
  readonly intent: PolicyIntent;
  /** Its index among all intents (the analysis's position). */
  readonly position: number;
  /** The policy as its manifest names it. */
  readonly ref: PolicyRef;
  /** The manifest it was read from; absent for an intent linted without a dialect. */
  readonly source?: LintManifest;
  /** The construct path that made it, for a synthesized chart. */
  readonly constructPath?: string;
}

/** A manifest to lint, and where it was read. */
export interface LintManifest {
  /** The object. */
  readonly manifest: Manifest;
  /** The file it was read from. @default none */
  readonly file?: string;
  /** Its document's index in the file, from 0. @default none */
  readonly document?: number;
}

/** Everything the checks look at. */
export interface LintContext {
  /** Every policy, in input order. */
  readonly policies: readonly LintPolicy[];
  /** The manifests (policies and others), empty for intents linted without a dialect. */
  readonly manifests: readonly LintManifest[];
  /** The engine whose semantics apply. */
  readonly engine?: DialectName;
  /** The workloads; absent when the inputs have none (the checks that need them do not run). */
  readonly workloads?: Workloads;
  /** The intents evaluated on the workloads (present exactly when `workloads` is). */
  readonly analysis?: PolicyAnalysis;
  /** What the inputs show of the cluster. */
  readonly facts: ClusterFacts;
  /** Policies the reader could not model. */
  readonly notAnalysed: readonly NotAnalysed[];
  /** What the reader ignored on purpose, as the engine does (Cilium's fromRequires), to say on stderr. */
  readonly notices?: readonly string[];
}

/** A manifest's source as the analysis names it, for its error messages. */
export function sourceText(item: LintManifest, index: number): string {
  return item.file !== undefined ? `${item.file} document ${item.document ?? 0}` : `manifest ${index}`;
}

/** The manifests in the analysis's form. */
export function sourced(manifests: readonly LintManifest[]): SourcedManifest[] {
  return manifests.map((item, index) => ({ manifest: item.manifest, source: sourceText(item, index) }));
}
