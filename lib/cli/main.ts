import * as path from 'path';
import { Readable } from 'stream';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { diffReachability } from '../analysis/diff';
import { explain, explanationText } from '../analysis/explain';
import { findEndpoints } from '../analysis/find-endpoints';
import { loadManifests, SourcedManifest } from '../analysis/manifests';
import { PARTIAL_EXIT_CODE, partialRead } from '../analysis/partial-read';
import { DEFAULT_READ_LIMITS, ReadLimits } from '../analysis/read-limits';
import { Connection } from '../analysis/reach';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { NotAnalysed } from '../dialects/read-result';
import { NetpolError } from '../model/errors';
import { repairBeforeReading } from '../synth/output';
import { Port } from '../model/port';
import { diffJsonPieces, diffMarkdownPieces, diffTextPieces, DIFF_FORMATS, REACH_FORMATS, reachJsonPieces, reachMarkdownPieces, reachMermaid, reachTextPieces } from './formats';
import { NotEquivalent, NotExact } from '../adopt/errors';
import { analyse, Analysed, loadVersion } from './inputs';
import { PROCESS_IO, quietOnClosedStdout } from './process-io';
import { readStdin } from './stdin';

/**
 * Exit codes: 0 fine, 1 the check failed (diff found a widening, lint an error, convert's output
 * means otherwise), 2 bad input, 3 a
 * partial answer (a policy, rule or field not analysed, or not carried over exactly by import;
 * `--allow-partial` accepts it). When
 * several apply the order is 2, then 3, then 1.
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, partial: PARTIAL_EXIT_CODE } as const;

/** Where a run writes, and where it runs (tests give their own). */
export interface CliIo {
  /** Standard output. */
  readonly out: (text: string) => void;
  /** Standard error. */
  readonly err: (text: string) => void;
  /** The directory relative paths and git revisions are read from. */
  readonly cwd: string;
  /** What the path `-` reads. Default: none, so `-` names a file. */
  readonly stdin?: Readable;
  /**
   * Waits until standard output has taken what was written (a pipe's reader may be slower than
   * the listing); false when nothing reads it any more (`netpol reach ... | head`), so a long
   * listing stops. Default: true at once.
   */
  readonly drained?: () => Promise<boolean>;
}

/** The options every command that reads manifests takes. */
interface ReadOptions {
  allowPartial?: boolean;
  strict?: boolean;
  maxInputBytes: number;
  maxDepth: number;
  maxAliases: number;
  stdinTimeout: number;
}

function count(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('give a whole number of at least 1');
  return value;
}

// The reading options, added to each command that reads manifests.
function readingOptions(command: Command): Command {
  return command
    .option('--allow-partial', 'exit 0 even when a policy, rule or field is not analysed (it is still reported)')
    .option('--strict', 'also exit 3 when the input has policies but no workloads for them to apply to')
    .addOption(new Option('--max-input-bytes <n>', 'the most bytes read from all inputs together').argParser(count).default(DEFAULT_READ_LIMITS.maxInputBytes))
    .addOption(new Option('--max-depth <n>', 'the deepest nesting of one document').argParser(count).default(DEFAULT_READ_LIMITS.maxDepth))
    .addOption(new Option('--max-aliases <n>', 'the most YAML aliases in one file').argParser(count).default(DEFAULT_READ_LIMITS.maxAliases))
    .addOption(new Option('--stdin-timeout <seconds>', 'how long standard input may stay silent').argParser(count).default(DEFAULT_READ_LIMITS.stdinIdleMs / 1000));
}

function limitsOf(options: ReadOptions): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, maxInputBytes: options.maxInputBytes, maxDepth: options.maxDepth, maxAliases: options.maxAliases, stdinIdleMs: options.stdinTimeout * 1000 };
}

// Files, directories and `-` (standard input, read once whatever the number of dashes).
async function load(io: CliIo, paths: readonly string[], limits: ReadLimits): Promise<SourcedManifest[]> {
  const stdin = paths.includes('-') && io.stdin ? await readStdin(io.stdin, limits) : undefined;
  return loadManifests(
    paths.map((given) => (given === '-' && stdin !== undefined ? given : resolvePath(io, given))),
    { limits, ...(stdin !== undefined && { stdin }) },
  );
}

/** Runs `netpol` with arguments (without the node and script paths); resolves to the exit code. */
export async function main(args: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  if (io === PROCESS_IO) quietOnClosedStdout();
  let code: number = EXIT.ok;
  const program = new Command('netpol')
    .description('Who can reach whom under Kubernetes, Calico or Cilium network policies, from manifests')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();
  const cni = () => new Option('--cni <engine>', 'the engine whose semantics apply (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]);

  readingOptions(program
    .command('reach'))
    .description("list every allowed connection, one 'SRC => DST : CONN' line per pair (np-guard/netpol-analyzer's list format)")
    .argument('<paths...>', 'files or directories of manifests: workloads, namespaces and policies')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REACH_FORMATS]).default('text'))
    .option('--focus <workload>', 'only connections from or to this workload (namespace/name or name)')
    .addOption(cni())
    .action(async (paths: string[], options: ReadOptions & { format: (typeof REACH_FORMATS)[number]; focus?: string; cni?: DialectName }) => {
      const analysed = analyse(await load(io, paths, limitsOf(options)), options.cni);
      const { policies, reachability } = analysed;
      code = reportRead(io, [analysed], options);
      let connections: Iterable<Connection> = reachability.connections();
      if (options.focus) {
        const focus = new Set(findEndpoints(reachability, options.focus, 'source').filter((endpoint) => endpoint.kind === 'workload').map((endpoint) => endpoint.name));
        if (focus.size === 0) throw new NetpolError([{ where: options.focus, field: '--focus', message: 'is not a workload: give namespace/name' }]);
        connections = onlyFocused(connections, focus);
      }
      // A Mermaid graph needs every endpoint before its first edge (and is read by people: not millions of edges).
      if (options.format === 'mermaid') return io.out(reachMermaid([...connections]));
      const { notAnalysed, notices } = policies;
      return writeInBatches(io, { text: () => reachTextPieces(connections), json: () => reachJsonPieces(connections, notAnalysed, notices), md: () => reachMarkdownPieces(connections, notAnalysed, notices) }[options.format]());
    });

  readingOptions(program
    .command('explain'))
    .description('say whether a connection is allowed, and which policy and rule allow or deny it in each direction')
    .argument('<paths...>', 'files or directories of manifests: workloads, namespaces and policies')
    .requiredOption('--from <endpoint>', 'the source: namespace/name, an address, or a name as reach prints it')
    .requiredOption('--to <endpoint>', 'the destination: namespace/name, an address, or a name as reach prints it')
    .option('--port <port>', 'one connection, e.g. TCP/8080, UDP/53, TCP/http, or 8080 for TCP (default: every connection)')
    .addOption(cni())
    .action(async (paths: string[], options: ReadOptions & { from: string; to: string; port?: string; cni?: DialectName }) => {
      const port = options.port === undefined ? undefined : parsePort(options.port);
      const analysed = analyse(await load(io, paths, limitsOf(options)), options.cni);
      const { reachability } = analysed;
      code = reportRead(io, [analysed], options);
      const source = single(findEndpoints(reachability, options.from, 'source'), options.from);
      const destination = single(findEndpoints(reachability, options.to, 'destination'), options.to);
      io.out(`${explanationText(explain(reachability, source, destination, port))}\n`);
    });

  readingOptions(program
    .command('diff'))
    .description('connections added, removed and changed from one version to another; exits 1 when the new one allows more')
    .argument('<old>', 'the old version: a file or directory, or REV:PATH (a path at a git revision)')
    .argument('<new>', 'the new version, likewise')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('--with <paths...>', 'manifests both versions share, such as the workloads beside policies-only folders')
    .addOption(cni())
    .action(async (before: string, after: string, options: ReadOptions & { format: (typeof DIFF_FORMATS)[number]; with?: string[]; cni?: DialectName }) => {
      const limits = limitsOf(options);
      const shared = await load(io, options.with ?? [], limits);
      const [old, now] = [before, after].map((spec) => analyse([...loadVersion(spec, io.cwd, limits), ...shared], options.cni));
      const notAnalysed = [...old.policies.notAnalysed, ...now.policies.notAnalysed];
      const notices = [...new Set([...(old.policies.notices ?? []), ...(now.policies.notices ?? [])])];
      const partial = reportRead(io, [old, now], options);
      const changes = diffReachability(old.reachability, now.reachability);
      // A partial answer (3) outranks a widening (1): the widening list itself may be wrong.
      code = partial !== EXIT.ok ? partial : changes.some((change) => change.widening) ? EXIT.failed : EXIT.ok;
      return writeInBatches(io, { text: () => diffTextPieces(changes), md: () => diffMarkdownPieces(changes, notAnalysed, notices), json: () => diffJsonPieces(changes, notAnalysed, notices) }[options.format]());
    });

  // The other commands load their modules (the adopt layer, lint, report: a fifth of `netpol
  // reach`'s start-up) only when named, or for help and errors, where every command is listed.
  const others: Record<string, () => Promise<unknown>> = {
    lint: async () => (await import('./lint')).addLintCommand(program, io, (exitCode) => (code = exitCode)),
    report: async () => program.addCommand((await import('./report')).reportCommand(io, (exitCode) => (code = exitCode))),
    import: async () => (await import('./import')).registerImport(program, io),
    convert: async () => (await import('./convert')).registerConvert(program, io),
  };
  const named = program.commands.some((command) => command.name() === args[0]) ? [] : Object.hasOwn(others, args[0]) ? [others[args[0]]] : Object.values(others);
  for (const register of named) await register();

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    if (error instanceof NetpolError) {
      io.err(`${error.message}\n`);
      return error instanceof NotExact ? EXIT.partial : error instanceof NotEquivalent ? EXIT.failed : EXIT.badInput;
    }
    throw error;
  }
  return code;
}

function* onlyFocused(connections: Iterable<Connection>, focus: ReadonlySet<string>): Generator<Connection> {
  for (const connection of connections) if (focus.has(connection.source.name) || focus.has(connection.destination.name)) yield connection;
}

// A cluster of thousands of workloads that few policies isolate has millions of connections:
// written as they are made, a batch of pieces (lines, items) at a time, each once standard output
// has taken the one before, rather than kept (8 million lines took 3 GB, and as JSON were more than
// a string holds).
const PIECES_PER_WRITE = 10_000;

async function writeInBatches(io: CliIo, pieces: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  for (const piece of pieces) {
    batch.push(piece);
    if (batch.length === PIECES_PER_WRITE) {
      io.out(batch.join(''));
      batch = [];
      if (io.drained && !(await io.drained())) return;
    }
  }
  const rest = batch.join('');
  if (rest !== '') io.out(rest);
}

function resolvePath(io: CliIo, given: string): string {
  const resolved = path.resolve(io.cwd, given);
  repairBeforeReading(resolved);
  return resolved;
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

/**
 * Says on stderr what reading skipped and whether there were workloads to apply policies to;
 * returns the exit code this alone calls for (partial, or ok). Every command that analyses calls it.
 */
export function reportRead(io: CliIo, analysed: readonly Analysed[], options: Pick<ReadOptions, 'allowPartial' | 'strict'>): number {
  const notAnalysed: NotAnalysed[] = analysed.flatMap((one) => one.policies.notAnalysed);
  const read = partialRead(notAnalysed, options);
  for (const notice of new Set(analysed.flatMap((one) => [...one.workloads.notices, ...(one.policies.notices ?? [])]))) io.err(`notice: ${notice}\n`);
  for (const line of read.lines) io.err(`${read.fails ? 'error' : 'warning'}: ${line}\n`);
  const bare = analysed.some((one) => one.policies.intents.length + one.policies.notAnalysed.length > 0 && one.workloads.workloads.length === 0);
  if (bare) io.err(`${options.strict ? 'error' : 'warning'}: the input has policies but no workloads (pods, deployments, ...), so no connection between workloads is listed: give them too, e.g. kubectl get ns,pods,deploy,sts,ds -A -o yaml\n`);
  if (read.fails) io.err(`exit ${EXIT.partial}: the answer is partial; --allow-partial accepts it\n`);
  return read.fails || (bare && options.strict) ? EXIT.partial : EXIT.ok;
}
