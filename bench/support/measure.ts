// Single timings in-process through tinybench (comparisons are timed in turns: pairs.ts).
import { Bench } from 'tinybench';

/** Seconds: the fastest, middle and slowest of several runs. */
export interface Timing {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly runs: number;
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
