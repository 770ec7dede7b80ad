import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { diffReachability } from '../analysis/diff';
import { explain, explanationText } from '../analysis/explain';
import { findEndpoints } from '../analysis/find-endpoints';
import { loadManifests } from '../analysis/manifests';
import { Connection } from '../analysis/reach';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { NotAnalysed } from '../dialects/read-result';
import { NetpolError } from '../model/errors';
import { Port } from '../model/port';
import { diffJson, diffMarkdown, diffText, DIFF_FORMATS, REACH_FORMATS, reachJson, reachMarkdown, reachMermaid, reachText } from './formats';
import { analyse, loadVersion } from './inputs';
import { addLintCommand } from './lint';
import { reportCommand } from './report';

/** Exit codes: 0 fine, 1 the check failed (diff found a widening, lint an error), 2 bad input, 3 partial (policies not analysed). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, partial: 3 } as const;

/** Where a run writes, and where it runs (tests give their own). */
export interface CliIo {
  /** Standard output. */
  readonly out: (text: string) => void;
  /** Standard error. */
  readonly err: (text: string) => void;
  /** The directory relative paths and git revisions are read from. */
  readonly cwd: string;
}

const PROCESS_IO: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), cwd: process.cwd() };

/** Runs `netpol` with arguments (without the node and script paths); resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('netpol')
    .description('Who can reach whom under Kubernetes, Calico or Cilium network policies, from manifests')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();
  const cni = () => new Option('--cni <engine>', 'the engine whose semantics apply (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]);

  program
    .command('reach')
    .description("list every allowed connection, one 'SRC => DST : CONN' line per pair (np-guard/netpol-analyzer's list format)")
    .argument('<paths...>', 'files or directories of manifests: workloads, namespaces and policies')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REACH_FORMATS]).default('text'))
    .option('--focus <workload>', 'only connections from or to this workload (namespace/name or name)')
    .addOption(cni())
    .action((paths: string[], options: { format: (typeof REACH_FORMATS)[number]; focus?: string; cni?: DialectName }) => {
      const { policies, reachability } = analyse(loadManifests(paths.map((given) => resolvePath(io, given))), options.cni);
      warnNotAnalysed(io, policies.notAnalysed);
      let connections: Connection[] = [...reachability.connections()];
      if (options.focus) {
        const focus = new Set(findEndpoints(reachability, options.focus, 'source').filter((endpoint) => endpoint.kind === 'workload').map((endpoint) => endpoint.name));
        if (focus.size === 0) throw new NetpolError([{ where: options.focus, field: '--focus', message: 'is not a workload: give namespace/name' }]);
        connections = connections.filter(({ source, destination }) => focus.has(source.name) || focus.has(destination.name));
      }
      const render = { text: reachText, json: reachJson, md: (list: Connection[]) => reachMarkdown(list, policies.notAnalysed), mermaid: reachMermaid }[options.format];
      io.out(render(connections));
    });

  program
    .command('explain')
    .description('say whether a connection is allowed, and which policy and rule allow or deny it in each direction')
    .argument('<paths...>', 'files or directories of manifests: workloads, namespaces and policies')
    .requiredOption('--from <endpoint>', 'the source: namespace/name, an address, or a name as reach prints it')
    .requiredOption('--to <endpoint>', 'the destination: namespace/name, an address, or a name as reach prints it')
    .option('--port <port>', 'one connection, e.g. TCP/8080, UDP/53, TCP/http (default: every connection)')
    .addOption(cni())
    .action((paths: string[], options: { from: string; to: string; port?: string; cni?: DialectName }) => {
      const port = options.port === undefined ? undefined : parsePort(options.port);
      const { policies, reachability } = analyse(loadManifests(paths.map((given) => resolvePath(io, given))), options.cni);
      warnNotAnalysed(io, policies.notAnalysed);
      const source = single(findEndpoints(reachability, options.from, 'source'), options.from);
      const destination = single(findEndpoints(reachability, options.to, 'destination'), options.to);
      io.out(`${explanationText(explain(reachability, source, destination, port))}\n`);
    });

  program
    .command('diff')
    .description('connections added, removed and changed from one version to another; exits 1 when the new one allows more')
    .argument('<old>', 'the old version: a file or directory, or REV:PATH (a path at a git revision)')
    .argument('<new>', 'the new version, likewise')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('--with <paths...>', 'manifests both versions share, such as the workloads beside policies-only folders')
    .addOption(cni())
    .action((before: string, after: string, options: { format: (typeof DIFF_FORMATS)[number]; with?: string[]; cni?: DialectName }) => {
      const shared = loadManifests((options.with ?? []).map((given) => resolvePath(io, given)));
      const [old, now] = [before, after].map((spec) => analyse([...loadVersion(spec, io.cwd), ...shared], options.cni));
      const notAnalysed = [...old.policies.notAnalysed, ...now.policies.notAnalysed];
      warnNotAnalysed(io, notAnalysed);
      const changes = diffReachability(old.reachability, now.reachability);
      io.out({ text: diffText, md: () => diffMarkdown(changes, notAnalysed), json: diffJson }[options.format](changes));
      if (changes.some((change) => change.widening)) code = EXIT.failed;
    });

  addLintCommand(program, io, (exitCode) => (code = exitCode));
  program.addCommand(reportCommand({ cwd: io.cwd, err: io.err, partial: () => (code = EXIT.partial) }));

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    if (error instanceof NetpolError) {
      io.err(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
  return code;
}

function resolvePath(io: CliIo, given: string): string {
  return path.resolve(io.cwd, given);
}

function parsePort(text: string): Port {
  try {
    return Port.parse(text);
  } catch (error) {
    throw new NetpolError([{ where: '--port', field: '', message: (error as Error).message }]);
  }
}

function single<T extends { name: string }>(endpoints: T[], text: string): T {
  if (endpoints.length > 1) {
    throw new NetpolError([{ where: text, field: '', message: `spans several endpoints (${endpoints.map((endpoint) => endpoint.name).join(', ')}): give one of them` }]);
  }
  return endpoints[0];
}

function warnNotAnalysed(io: CliIo, notAnalysed: readonly NotAnalysed[]): void {
  for (const { policy, feature } of notAnalysed) io.err(`warning: not analysed, so the result ignores it: ${policy}: ${feature}\n`);
}
