// Timing through public harnesses: tinybench in-process, hyperfine for whole processes.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Bench } from 'tinybench';

/** Seconds: the fastest, middle and slowest of several runs. */
export interface Timing {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly runs: number;
}

/** Times whole commands (run by a shell, from `cwd`) with hyperfine, several runs each, after warmups. */
export function hyperfine(commands: Record<string, string>, options: { runs: number; warmup: number; cwd: string }): Record<string, Timing> {
  const exportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-')), 'hyperfine.json');
  const names = Object.keys(commands);
  const args = ['--runs', String(options.runs), '--warmup', String(options.warmup), '--export-json', exportFile, '--style', 'none'];
  for (const name of names) args.push('--command-name', name, commands[name]);
  execFileSync('hyperfine', args, { cwd: options.cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const { results } = JSON.parse(fs.readFileSync(exportFile, 'utf8'));
  fs.rmSync(path.dirname(exportFile), { recursive: true, force: true });
  return Object.fromEntries(results.map((result: any, index: number) => [names[index], { min: result.min, median: result.median, max: result.max, runs: result.times.length }]));
}

/** Times in-process functions with tinybench: a fixed number of iterations each, no warmup beyond one run. */
export async function tinybench(tasks: Record<string, () => unknown>, iterations: number): Promise<Record<string, Timing>> {
  const bench = new Bench({ iterations, time: 0, warmup: true, warmupIterations: 1, warmupTime: 0, throws: true });
  for (const [name, task] of Object.entries(tasks)) bench.add(name, task);
  await bench.run();
  return Object.fromEntries(
    bench.tasks.map((task) => {
      const result = task.result as any;
      return [task.name, { min: result.latency.min / 1000, median: result.latency.p50 / 1000, max: result.latency.max / 1000, runs: task.runs }];
    }),
  );
}
