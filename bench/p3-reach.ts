// P3 — analysis at cluster scale: `netpol reach` over 1,000 to 50,000 generated pods in 500
// namespaces under 2,000 policies, in every dialect, on two clusters (bench/reach/cluster.ts): a
// saturating one, where pods differ only in app and namespace (at most 2,500 classes), and a
// diverse one, where the policies tell every pod apart (up to one class per pod). Reading,
// evaluating and listing are timed apart in-process (up to 10,000 pods), and the whole process
// from the shell at every size (50,000 pods: in the first dialect only, one run, as a diverse
// cluster of that size takes a minute); the growth exponents say how each grows with pods. At the
// goal size, each dialect's whole cluster is also read as a user gives it: one kubectl-style
// `List` file, and the same on standard input (`netpol reach -`).
import * as path from 'path';
import { DIALECT_NAMES } from '../lib';
import { loadManifests, readPolicies, readWorkloads, reach } from '../lib/analysis';
import { reachTextPieces } from '../lib/cli/formats';
import { Diversity, writeCluster, writeClusterList, writeOpenCluster } from './reach/cluster';
import { tinybench } from './support/measure';
import { timeRuns } from './support/pairs';
import { Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const GOAL_SECONDS = 5;
/** A whole `netpol reach` of the saturating cluster at the goal size, read from one List file or stdin (issue 11, item 7). */
const LIST_GOAL_SECONDS: Record<string, number> = { kubernetes: 2.5, calico: 3, cilium: 3 };
const GIB = 2 ** 20; // in KiB, as maxRSS reports
const GOAL_PODS = 10_000;
/** Above this many pods, the whole process only: in-process, each timed iteration reads the YAML again. */
const IN_PROCESS_PODS = 10_000;

const count = (value: number) => value.toLocaleString('en-US');

export async function runP3(options: BenchOptions): Promise<Row[]> {
  const sizes = options.quick ? [200, 400] : [1_000, 2_000, 5_000, 10_000, 50_000];
  const namespaces = options.quick ? 50 : 500;
  const iterations = options.quick ? 1 : 3;
  const wholeRuns = options.quick ? 1 : 3;
  const folder = path.join(WORK, 'p3');
  const rows: Row[] = [];
  // Quick runs keep CI short: one dialect is enough for the harness not to rot.
  const dialects = options.quick ? DIALECT_NAMES.slice(0, 1) : DIALECT_NAMES;
  for (const diversity of ['saturating', 'diverse'] as Diversity[]) {
    for (const dialect of dialects) {
      const evaluation: number[] = [];
      const wholeProcess: number[] = [];
      // The largest point in one dialect: a diverse 50,000-pod cluster is a minute a run.
      for (const pods of sizes.filter((size) => size <= IN_PROCESS_PODS || dialect === dialects[0])) {
        const files = writeCluster(folder, dialect, pods, namespaces, diversity);
        const label = `${dialect}, ${diversity}, ${count(pods)} pods × ${count(namespaces * 4)} policies`;
        const atGoal = pods === GOAL_PODS && !options.quick;
        if (pods <= IN_PROCESS_PODS) rows.push(...(await inProcess(files, label, atGoal && diversity === 'saturating', iterations, evaluation)));
        const whole = wholeProcessRows(files.join(' '), `${label}: \`netpol reach\`, whole process`, pods > IN_PROCESS_PODS ? 1 : wholeRuns, atGoal && diversity === 'diverse' ? GOAL_SECONDS : undefined);
        wholeProcess.push(whole.seconds);
        rows.push(...whole.rows);
        // As a user gives it: one List file, and the same on standard input (quick: the largest size, so it cannot rot).
        if (pods === (options.quick ? sizes[sizes.length - 1] : GOAL_PODS)) {
          const list = writeClusterList(folder, dialect, pods, namespaces, diversity);
          const goal = diversity === 'saturating' && !options.quick ? LIST_GOAL_SECONDS[dialect] : undefined;
          rows.push(...wholeProcessRows(list, `${label}: \`netpol reach list.yaml\` (one List file), whole process`, wholeRuns, goal).rows);
          rows.push(...wholeProcessRows(`- < ${list}`, `${label}: \`netpol reach - < list.yaml\` (stdin), whole process`, wholeRuns, goal).rows);
        }
      }
      for (const [what, seconds] of [['evaluation', evaluation], ['whole process', wholeProcess]] as const) {
        const measured = sizes.slice(0, seconds.length);
        const { overall, steps } = exponents(measured, seconds);
        rows.push({ benchmark: 'P3', measure: `${dialect}, ${diversity}: ${what} time ∝ pods^k, ${count(measured[0])} to ${count(measured[measured.length - 1])} pods (by step: ${steps})`, value: { amount: overall, unit: '= k' } });
      }
    }
  }
  // The other end: few policies and many workloads, where the listing, pods², is the output.
  const open = options.quick ? 200 : 2_000;
  rows.push(...wholeProcessRows(writeOpenCluster(folder, open), `open, ${count(open)} pods in one namespace, no policy (${count(open * (open + 1))} lines): \`netpol reach\`, whole process`, wholeRuns).rows);
  return rows;
}

/**
 * Times whole `netpol reach` processes (`paths` as on its command line, shell redirections
 * included): rows for the wall time, the CPU time (steadier than wall time on a shared machine)
 * and the peak RSS, judged against a goal in seconds (and ≤ 1 GiB) when given.
 */
function wholeProcessRows(paths: string, measure: string, runs: number, goalSeconds?: number): { seconds: number; rows: Row[] } {
  const { outputs, ...whole } = timeRuns({ command: `node -r ./scripts/register.js bench/reach/process.ts reach ${paths}`, cwd: ROOT }, runs);
  const reports = outputs.map((output) => JSON.parse(output) as { maxRssKb: number; cpuSeconds: number });
  const maxRssKb = Math.max(...reports.map((report) => report.maxRssKb));
  const cpu = reports.map((report) => report.cpuSeconds).sort((a, b) => a - b);
  const goal = goalSeconds !== undefined;
  return {
    seconds: whole.median,
    rows: [
      { benchmark: 'P3', measure, value: whole, ...(goal && { goal: { text: `≤ ${goalSeconds} s`, met: whole.median <= goalSeconds } }) },
      { benchmark: 'P3', measure: `${measure}: CPU time (user + system, median)`, value: { amount: Number(cpu[cpu.length >> 1].toFixed(2)), unit: 's' } },
      { benchmark: 'P3', measure: `${measure}: peak RSS`, value: { amount: Math.round(maxRssKb / 1024), unit: 'MiB' }, ...(goal && { goal: { text: '≤ 1 GiB', met: maxRssKb <= GIB } }) },
    ],
  };
}

/** k in time ∝ pods^k, from each size to the next, and over the whole range. */
function exponents(sizes: readonly number[], seconds: readonly number[]): { overall: number; steps: string } {
  const k = (from: number, to: number) => Math.log(seconds[to] / seconds[from]) / Math.log(sizes[to] / sizes[from]);
  const steps = sizes.slice(1).map((size, index) => `${count(sizes[index])}→${count(size)}: ${k(index, index + 1).toFixed(2)}`);
  return { overall: Number(k(0, sizes.length - 1).toFixed(2)), steps: steps.join(', ') };
}

// Reading, evaluating and listing timed apart in this process; pushes the evaluation's median to `evaluation`.
async function inProcess(files: string[], label: string, goal: boolean, iterations: number, evaluation: number[]): Promise<Row[]> {
  const manifests = loadManifests(files);
  const workloads = readWorkloads(manifests);
  const { intents, notAnalysed } = readPolicies(manifests.map((sourced) => sourced.manifest));
  if (notAnalysed.length > 0) throw new Error(`P3 ${label}: ${notAnalysed.length} policies not analysed: the generator must stay analysable`);
  const evaluated = reach(intents, workloads);
  const lines = [...evaluated.connections()].length;
  const timings = await tinybench(
    {
      read: () => {
        const read = loadManifests(files);
        readWorkloads(read);
        readPolicies(read.map((sourced) => sourced.manifest));
      },
      evaluate: () => reach(intents, workloads),
      list: () => [...reachTextPieces(reach(intents, workloads).connections())].join(''),
    },
    iterations,
  );
  evaluation.push(timings.evaluate.median);
  return [
    {
      benchmark: 'P3',
      measure: `${label}: evaluation (${count(evaluated.analysis.classes.length)} pod classes)`,
      value: timings.evaluate,
      ...(goal && { goal: { text: `≤ ${GOAL_SECONDS} s`, met: timings.evaluate.median <= GOAL_SECONDS } }),
    },
    { benchmark: 'P3', measure: `${label}: reading the YAML`, value: timings.read },
    { benchmark: 'P3', measure: `${label}: evaluation and listing ${count(lines)} lines`, value: timings.list },
  ];
}
