import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { loadManifests } from '../analysis/manifests';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { LintManifest } from '../lint/context';
import { LINT_FORMATS, LintFormat, lintJson, lintText } from '../lint/format';
import { lint, lintChecks } from '../lint/lint';
import { lintSarif } from '../lint/sarif';
import { CliIo, EXIT } from './main';

interface LintCommandOptions {
  format: LintFormat;
  disable?: string[];
  allowPartial?: boolean;
  cni?: DialectName;
  podCidr?: string[];
  nodeCidr?: string[];
  nodeLocalDns?: string[];
}

const list = (values: string[] | undefined) => values?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value.length > 0);

/** Adds `netpol lint PATHS...`; `exit` receives the exit code (1 for an error finding, 3 for a partial read). */
export function addLintCommand(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('lint')
    .description('named checks on policies of any dialect (docs/lint.md); exits 1 on an error-level finding')
    .argument('<paths...>', 'files or directories of manifests: policies, and optionally workloads, Services, Nodes')
    .addOption(new Option('-f, --format <format>', 'output format (sarif: SARIF 2.1.0 for code-scanning UIs)').choices([...LINT_FORMATS]).default('text'))
    .option('--disable <ids...>', 'check ids not to run (or silence one policy with the netpol.cdk8s.io/lint-disable annotation)')
    .option('--allow-partial', 'exit as if complete when some policies could not be read (they are still named on stderr)')
    .addOption(new Option('--cni <engine>', 'the engine whose semantics apply (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]))
    .option('--pod-cidr <cidrs...>', "the cluster's pod address ranges (also read from Nodes' podCIDRs)")
    .option('--node-cidr <cidrs...>', "the nodes' addresses or ranges (also read from Nodes' addresses)")
    .option('--node-local-dns <addresses...>', 'the addresses NodeLocal DNSCache listens on (also read from a node-local-dns DaemonSet)')
    .action((paths: string[], options: LintCommandOptions) => {
      const manifests = loadManifests(paths.map((given) => path.resolve(io.cwd, given))).map(({ manifest, source }) => located(manifest, source, io.cwd));
      const report = lint(
        { manifests, ...(options.cni && { dialect: options.cni }) },
        { disable: list(options.disable), podRanges: list(options.podCidr), nodeRanges: list(options.nodeCidr), nodeLocalDns: list(options.nodeLocalDns) },
      );
      for (const notice of report.notices ?? []) io.err(`notice: ${notice}\n`);
      for (const { policy, feature } of report.notAnalysed) io.err(`warning: not analysed, so not linted: ${policy}: ${feature}\n`);
      if (options.format === 'sarif') io.out(`${JSON.stringify(lintSarif(report, lintChecks(), { version: packageVersion(), baseDirectory: io.cwd }), null, 2)}\n`);
      else io.out((options.format === 'json' ? lintJson : lintText)(report));
      if (report.notAnalysed.length > 0 && !options.allowPartial) exit(EXIT.partial);
      else if (report.findings.some((finding) => finding.severity === 'error')) exit(EXIT.failed);
    });
}

// loadManifests names a source `FILE document N`; lint keeps the file (relative to cwd when inside it) and N apart.
function located(manifest: LintManifest['manifest'], source: string, cwd: string): LintManifest {
  const match = /^(.*) document (\d+)$/.exec(source);
  if (!match) return { manifest, file: source };
  const relative = path.relative(cwd, match[1]);
  return { manifest, file: relative.startsWith('..') || path.isAbsolute(relative) ? match[1] : relative, document: Number(match[2]) };
}

function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version;
}
