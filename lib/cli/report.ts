import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { loadManifests } from '../analysis/manifests';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { NetpolError } from '../model/errors';
import { buildReport } from '../report/report';
import { diffSummaryMarkdown } from '../report/summary';
import { loadVersion } from './inputs';
import { CliIo, EXIT, reportRead } from './main';

/**
 * `netpol report`: one self-contained HTML file of one version, or of a diff (docs/report.md).
 * `exit` receives the exit code: 3 for a partial read (the file is still written, so CI keeps the
 * page and fails), else 1 when a diff's new version allows more, as `netpol diff`.
 */
export function reportCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('report')
    .description('write one self-contained HTML report: matrices, graph, explanations; with --diff, what changed')
    .argument('<paths...>', 'files or directories of manifests; with --diff, OLD and NEW (a path or REV:PATH each)')
    .requiredOption('-o, --output <file>', 'the HTML file to write')
    .option('--diff', 'compare two versions: the arguments are OLD and NEW')
    .option('--with <paths...>', 'with --diff: manifests both versions share, such as the workloads')
    .option('--summary <file>', 'with --diff: also write a Markdown summary for a pull request')
    .option('--link <url>', 'where the report will be published, for the summary to link to')
    .option('--allow-partial', 'exit 0 even when a policy, rule or field is not analysed (the page and stderr still name it)')
    .addOption(new Option('--cni <engine>', 'the engine whose semantics apply (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]))
    .action((paths: string[], options: { output: string; diff?: boolean; with?: string[]; summary?: string; link?: string; allowPartial?: boolean; cni?: DialectName }) => {
      if (options.diff && paths.length !== 2) throw new NetpolError([{ where: 'netpol report --diff', field: 'paths', message: `needs exactly two versions, OLD and NEW; got ${paths.length}` }]);
      if (options.summary && !options.diff) throw new NetpolError([{ where: 'netpol report', field: '--summary', message: 'is for --diff: a summary of what changed' }]);
      const shared = loadManifests((options.with ?? []).map((given) => path.resolve(io.cwd, given)));
      const versions = options.diff
        ? paths.map((spec) => ({ label: spec, manifests: [...loadVersion(spec, io.cwd), ...shared] }))
        : [{ label: paths.join(' '), manifests: loadManifests(paths.map((given) => path.resolve(io.cwd, given))) }];
      const report = buildReport(versions, io.cwd, options.cni, options.link);
      const partial = reportRead(io, report.analysed, options);
      writeAtomically(path.resolve(io.cwd, options.output), report.html);
      let widened = false;
      if (options.diff) {
        const { model } = report;
        // `added` counts the pairs `widens` (netpol diff's test of a pair) finds wider: the page's count.
        widened = model.changeCounts().added > 0;
        if (options.summary) writeAtomically(path.resolve(io.cwd, options.summary), diffSummaryMarkdown(model, paths, options.link));
      }
      // A partial answer (3) outranks a widening (1): the widening count itself may be wrong.
      exit(partial !== EXIT.ok ? partial : widened ? EXIT.failed : EXIT.ok);
    });
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
