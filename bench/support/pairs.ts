// Interleaved comparisons: A and B take turns (A B, B A, A B, ...), so load that drifts during a
// run lands on both sides, and each pair gives one ratio. The figure is the median of those
// ratios, with their spread, the number of pairs and the load average when the comparison started
// and ended. Whole processes are timed from spawn to exit with hrtime; functions in-process.
import { spawnSync } from 'child_process';
import * as os from 'os';
import { Timing } from './measure';

/** One side's times and the per-pair ratios of A over B. */
export interface Paired {
  /** A's timings over the pairs. */
  readonly a: Timing;
  /** B's timings over the pairs. */
  readonly b: Timing;
  /** A's time over B's, per pair: median, min and max. */
  readonly ratio: { readonly median: number; readonly min: number; readonly max: number };
  /** How many pairs were timed (after the warmup pairs). */
  readonly pairs: number;
  /** The 1-minute load average when the comparison started and when it ended. */
  readonly load: { readonly start: number; readonly end: number };
}

/** How many pairs to time, after how many untimed warmup pairs. */
export interface PairOptions {
  /** Timed pairs. */
  readonly pairs: number;
  /** Untimed pairs first (disk cache, JIT). @default 1 */
  readonly warmup?: number;
}

/** A command run by `sh -c`, from a folder. */
export interface Command {
  /** The shell command line. */
  readonly command: string;
  /** Its working folder. */
  readonly cwd: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Min, median and max of some seconds. */
export function timing(values: readonly number[]): Timing {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values), runs: values.length };
}

/** Summarizes per-pair seconds of A and B. */
export function summarize(aTimes: readonly number[], bTimes: readonly number[], load: Paired['load']): Paired {
  const ratios = aTimes.map((a, index) => a / bTimes[index]);
  return { a: timing(aTimes), b: timing(bTimes), ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }, pairs: ratios.length, load };
}

const loadNow = () => Number(os.loadavg()[0].toFixed(2));

/** Runs a command once: its time in seconds and its standard output; fails with its stderr when it fails. */
export function runCommand({ command, cwd }: Command): { seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', command], { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 2 ** 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`\`${command}\` (in ${cwd}) failed with ${result.status ?? result.signal}:\n${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/** Times a command once, in seconds. */
export function timeCommand(command: Command): number {
  return runCommand(command).seconds;
}

/** Times A and B in turns, after the warmup pairs. */
async function alternate(options: PairOptions, time: (side: 'a' | 'b') => number | Promise<number>): Promise<Paired> {
  for (let index = 0; index < (options.warmup ?? 1); index++) {
    await time('a');
    await time('b');
  }
  const start = loadNow();
  const aTimes: number[] = [];
  const bTimes: number[] = [];
  for (let index = 0; index < options.pairs; index++) {
    // A B, then B A: neither side always runs right after the other.
    for (const side of index % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) (side === 'a' ? aTimes : bTimes).push(await time(side));
  }
  return summarize(aTimes, bTimes, { start, end: loadNow() });
}

/** Compares two whole processes, interleaved. */
export function pairProcesses(a: Command, b: Command, options: PairOptions): Promise<Paired> {
  return alternate(options, (side) => timeCommand(side === 'a' ? a : b));
}

/** Compares two in-process functions, interleaved; each call is one run. */
export function pairFunctions(a: () => unknown, b: () => unknown, options: PairOptions): Promise<Paired> {
  return alternate(options, async (side) => {
    const started = process.hrtime.bigint();
    await (side === 'a' ? a : b)();
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
}

/** Times a command alone, `runs` times after `warmup` untimed runs (a single figure, not a comparison), with each run's output. */
export function timeRuns(command: Command, runs: number, warmup = 0): Timing & { outputs: string[] } {
  for (let index = 0; index < warmup; index++) runCommand(command);
  const results = Array.from({ length: runs }, () => runCommand(command));
  return { ...timing(results.map((result) => result.seconds)), outputs: results.map((result) => result.stdout) };
}
