import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { convertPolicies } from '../adopt/convert';
import { comparisonSummary } from '../adopt/equivalence';
import { readPolicyFiles } from '../adopt/policy-files';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import type { CliIo } from './main';

/** `netpol convert PATHS... --to DIALECT`: policies in another dialect, proven to mean the same (docs/adopt.md). */
export function registerConvert(program: Command, io: CliIo): void {
  program
    .command('convert')
    .description('write policies of one dialect in another, checked to mean the same on a cover cluster (and the given workloads); exits 1 and writes nothing when they would not')
    .argument('<paths...>', 'files or directories of policy YAML, and optionally the workloads they apply to')
    .addOption(new Option('--to <dialect>', 'the dialect to write').choices([...DIALECT_NAMES]).makeOptionMandatory())
    .option('-o, --out <dir>', 'write one YAML file per input file into this folder (default: standard output)')
    .addOption(new Option('--cni <engine>', 'the engine whose semantics the input is read with (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]))
    .action((paths: string[], flags: { to: DialectName; out?: string; cni?: DialectName }) => {
      const read = readPolicyFiles(paths, io.cwd, flags.cni);
      for (const notice of read.notices) io.err(`notice: ${notice} (not carried over)\n`);
      const { files, proof } = convertPolicies(read, { to: flags.to });
      const summary = `converted ${read.engine} to ${flags.to}; the output means the same:\n${comparisonSummary(proof)}\n`;
      if (!flags.out) {
        io.out(files.map((file) => file.text).join('---\n'));
        return io.err(summary);
      }
      const folder = path.resolve(io.cwd, flags.out);
      fs.mkdirSync(folder, { recursive: true });
      for (const file of files) fs.writeFileSync(path.join(folder, file.name), file.text);
      io.out(`wrote ${files.length} ${files.length === 1 ? 'file' : 'files'} to ${flags.out}\n${summary}`);
    });
}
