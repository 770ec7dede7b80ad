import { PolicyIntent } from '../model/intent';
import { unknownPolicyField } from './known-fields';
import { Manifest } from './manifest';

/** A policy a reader could not model exactly, and the feature that stops it. */
export interface NotAnalysed {
  /** The policy, as `Kind namespace/name` (or `Kind name` when cluster-scoped). */
  readonly policy: string;
  /** What the reader does not model, e.g. `selector with "||"`. */
  readonly feature: string;
}

/**
 * Manifests read back into intents. Read intents mean exactly what the engine does with the YAML
 * (see PolicyIntent); they carry their source in `path` and need not pass the authoring schema
 * (a NetworkPolicy may be named with dots, say).
 */
export interface ReadResult {
  /** The intents, each with `path` naming its source policy (`Kind namespace/name`). */
  readonly intents: PolicyIntent[];
  /** Policies left out of the analysis: never silently treated as allowing or denying. */
  readonly notAnalysed: NotAnalysed[];
  /**
   * Fields a reader ignores on purpose, as the engine does (`Kind ns/name: what and why`), one
   * line each: said, but not a partial answer. @default none
   */
  readonly notices?: readonly string[];
}

/** How a policy is named in read results: `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function policySource(manifest: Manifest): string {
  const { namespace, name } = manifest.metadata ?? {};
  return `${manifest.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

// The manifest each read intent came from. Its path names the source, but may say more (a
// ClusterNetworkPolicy's tier and priority), so callers that map intents back to files use this.
const READ_FROM = new WeakMap<PolicyIntent, Manifest>();

/** The manifest a reader read an intent from; undefined for an intent no reader made. */
export function readFrom(intent: PolicyIntent): Manifest | undefined {
  return READ_FROM.get(intent);
}

/** Thrown inside a reader for a feature it does not model; the reader turns it into NotAnalysed. */
export class NotModelled extends Error {}

/**
 * Reads each manifest with `readOne`; a NotModelled error moves the manifest to notAnalysed.
 * `readOne` may `notice` what it ignores on purpose; a policy's notices are kept once each, and only
 * when the policy is analysed.
 */
export function readEach(manifests: readonly Manifest[], readOne: (manifest: Manifest, notice: (text: string) => void) => PolicyIntent[]): ReadResult {
  const intents: PolicyIntent[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const notices = new Set<string>();
  for (const manifest of manifests) {
    const own = new Set<string>();
    try {
      // A field its kind does not have: a typo, most likely, which the API server refuses or drops.
      const unknown = unknownPolicyField(manifest);
      if (unknown) throw new NotModelled(unknown);
      const read = readOne(manifest, (text) => own.add(`${policySource(manifest)}: ${text}`));
      for (const intent of read) READ_FROM.set(intent, manifest);
      intents.push(...read);
      own.forEach((text) => notices.add(text));
    } catch (error) {
      if (!(error instanceof NotModelled)) throw error;
      notAnalysed.push({ policy: policySource(manifest), feature: error.message });
    }
  }
  return { intents, notAnalysed, ...(notices.size > 0 && { notices: [...notices] }) };
}
