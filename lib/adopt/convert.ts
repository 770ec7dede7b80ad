import * as path from 'path';
import { parseManifests } from '../analysis/manifests';
import { readPolicies } from '../analysis/policies';
import { readWorkloads } from '../analysis/workloads';
import { DialectName } from '../dialects/capabilities';
import { dialectOf } from '../dialects';
import { Manifest } from '../dialects/manifest';
import { NetpolError, Problem } from '../model/errors';
import { PolicyIntent } from '../model/intent';
import { stringifyManifests } from '../synth/yaml';
import { Comparison, compareMeaning, differences } from './equivalence';
import { NotEquivalent } from './errors';
import { ReadPolicyFiles } from './policy-files';

export interface ConvertOptions {
  /** The dialect to write. */
  readonly to: DialectName;
  /** The renderer to use. @default the target dialect's (tests give a faulty one) */
  readonly render?: (intents: readonly PolicyIntent[]) => Manifest[];
}

/** Policies converted to another dialect, with the proof that they mean the same. */
export interface Conversion {
  /** One YAML text per input file, named as the input file. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** The comparisons of input and output: every one found no difference. */
  readonly proof: readonly Comparison[];
}

/**
 * Renders read policies in another dialect, then reads the output back and compares what it
 * means with the input on the cover cluster (and the given workloads). Throws the target's
 * capability errors (NetpolError) when it cannot express a policy exactly, and NotEquivalent,
 * naming the pairs, when the output means something else: only a proven conversion is returned.
 */
export function convertPolicies(read: ReadPolicyFiles, options: ConvertOptions): Conversion {
  const render = options.render ?? dialectOf(options.to).render;
  const problems: Problem[] = [];
  const names = new Set<string>();
  const files = read.files.flatMap((file) => {
    try {
      return [{ name: uniqueName(path.basename(file.file), names), text: stringifyManifests(render(file.intents)) }];
    } catch (error) {
      if (!(error instanceof NetpolError)) throw error;
      problems.push(...error.problems.map((problem) => ({ ...problem, message: `${problem.message}; ${file.file} cannot move to ${options.to}` })));
      return [];
    }
  });
  if (problems.length > 0) throw new NetpolError(problems);
  const written = files.flatMap((file) => parseManifests(file.text, file.name).map((sourced) => sourced.manifest));
  const back = readPolicies(written, options.to);
  if (back.notAnalysed.length > 0) {
    throw new NotEquivalent(back.notAnalysed.map(({ policy, feature }) => ({ where: policy, field: '', message: `the ${options.to} output cannot be read back (${feature}); nothing was written` })));
  }
  const input = read.files.flatMap((file) => file.intents);
  const proof = compareMeaning(input, back.intents, readWorkloads(read.manifests));
  const differ = differences(proof);
  if (differ.length > 0) throw new NotEquivalent([{ where: `conversion to ${options.to}`, field: '', message: 'the output does not mean what the input does; nothing was written' }, ...differ]);
  return { files, proof };
}

function uniqueName(wanted: string, taken: Set<string>): string {
  const extension = path.extname(wanted);
  let name = wanted;
  for (let count = 2; taken.has(name); count++) name = `${path.basename(wanted, extension)}-${count}${extension}`;
  taken.add(name);
  return name;
}
