import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { loadManifests } from '../analysis/manifests';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { NetpolError } from '../model/errors';
import { ReportModel } from '../report/model';
import { buildReport } from '../report/report';
import { diffSummaryMarkdown } from '../report/summary';
import { loadVersion } from './inputs';

/** What the report command needs of the CLI: where it runs, how it warns, and how it sets the exit code. */
export interface ReportCommandIo {
  /** The directory relative paths are read from. */
  readonly cwd: string;
  /** Standard error. */
  readonly err: (text: string) => void;
  /** Called with true when what was read was only partly analysed. */
  readonly partial: () => void;
}

/** `netpol report`: one self-contained HTML file of one version, or of a diff (docs/report.md). */
export function reportCommand(io: ReportCommandIo): Command {
  return new Command('report')
    .description('write one self-contained HTML report: matrices, graph, explanations; with --diff, what changed')
    .argument('<paths...>', 'files or directories of manifests; with --diff, OLD and NEW (a path or REV:PATH each)')
    .requiredOption('-o, --output <file>', 'the HTML file to write')
    .option('--diff', 'compare two versions: the arguments are OLD and NEW')
    .option('--with <paths...>', 'with --diff: manifests both versions share, such as the workloads')
    .option('--summary <file>', 'with --diff: also write a Markdown summary for a pull request')
    .option('--link <url>', 'where the report will be published, for the summary to link to')
    .addOption(new Option('--cni <engine>', 'the engine whose semantics apply (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]))
    .option('--allow-partial', 'exit 0 even when a policy is not analysed (it is still named on stderr and in the report)')
    .action((paths: string[], options: { output: string; diff?: boolean; with?: string[]; summary?: string; link?: string; cni?: DialectName; allowPartial?: boolean }) => {
      if (options.diff && paths.length !== 2) throw new NetpolError([{ where: 'netpol report --diff', field: 'paths', message: `needs exactly two versions, OLD and NEW; got ${paths.length}` }]);
      if (options.summary && !options.diff) throw new NetpolError([{ where: 'netpol report', field: '--summary', message: 'is for --diff: a summary of what changed' }]);
      const shared = loadManifests((options.with ?? []).map((given) => path.resolve(io.cwd, given)));
      const versions = options.diff
        ? paths.map((spec) => ({ label: spec, manifests: [...loadVersion(spec, io.cwd), ...shared] }))
        : [{ label: paths.join(' '), manifests: loadManifests(paths.map((given) => path.resolve(io.cwd, given))) }];
      const report = buildReport(versions, io.cwd, options.cni, options.link);
      for (const { policies } of report.analysed) {
        for (const { policy, feature } of policies.notAnalysed) io.err(`warning: not analysed, so the report ignores it: ${policy}: ${feature}\n`);
        if (policies.notAnalysed.length > 0 && !options.allowPartial) io.partial();
      }
      writeAtomically(path.resolve(io.cwd, options.output), report.html);
      if (options.summary) writeAtomically(path.resolve(io.cwd, options.summary), diffSummaryMarkdown(new ReportModel(report.analysed), paths, options.link));
    });
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
