import * as path from 'path';
import { loadManifests, SourcedManifest } from '../analysis/manifests';
import { readPolicies } from '../analysis/policies';
import { DialectName } from '../dialects/capabilities';
import { policySource, readFrom } from '../dialects/read-result';
import { PolicyIntent } from '../model/intent';
import { NotExact } from './errors';

/** The policies of one input file, in the file's order. */
export interface PolicyFile {
  /** The file, as given (relative paths stay relative). */
  readonly file: string;
  /** Its policies, read. */
  readonly intents: readonly PolicyIntent[];
}

/** Policies read from files, to be carried over exactly. */
export interface ReadPolicyFiles {
  /** The engine whose semantics they were read with (inferred from the kinds unless given). */
  readonly engine: DialectName;
  /** The files that hold policies, in name order. */
  readonly files: readonly PolicyFile[];
  /** Every manifest read (workloads beside the policies, too). */
  readonly manifests: readonly SourcedManifest[];
  /** Fields the reader ignored as the engine does (ReadResult.notices): not carried over, so said. */
  readonly notices: readonly string[];
}

/**
 * Reads the policies in files and directories. Anything the reader does not model exactly fails,
 * naming the file, document, policy and field: carrying a policy over without it would drop rules.
 */
export function readPolicyFiles(paths: readonly string[], cwd: string, engine?: DialectName): ReadPolicyFiles {
  const manifests = loadManifests(paths.map((given) => path.resolve(cwd, given)));
  const read = readPolicies(manifests.map((sourced) => sourced.manifest), engine);
  const sourceOf = new Map(manifests.map((sourced) => [sourced.manifest, sourced.source]));
  const sourceOfPolicy = new Map(manifests.map((sourced) => [policySource(sourced.manifest), sourced.source]));
  if (read.notAnalysed.length > 0) {
    throw new NotExact(read.notAnalysed.map(({ policy, feature }) => ({
      where: `${relative(cwd, sourceOfPolicy.get(policy) ?? 'input')}: ${policy}`,
      field: '',
      message: `${feature} cannot be carried over exactly (the reader does not analyse it); nothing was written`,
    })));
  }
  const files = new Map<string, PolicyIntent[]>();
  for (const intent of read.intents) {
    const manifest = readFrom(intent);
    const source = (manifest && sourceOf.get(manifest)) ?? 'input';
    const file = relative(cwd, source.replace(/ document \d+$/, ''));
    files.set(file, [...(files.get(file) ?? []), intent]);
  }
  return { engine: read.engine, files: [...files].map(([file, intents]) => ({ file, intents })), manifests, notices: read.notices ?? [] };
}

function relative(cwd: string, file: string): string {
  const shown = path.relative(cwd, file);
  return shown.startsWith('..') || path.isAbsolute(shown) ? file : shown;
}
