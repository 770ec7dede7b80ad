// P5 — `netpol report` at cluster scale: the P3 cluster with 1,000 pods in 125 namespaces under 500
// policies. The whole command (goal ≤ 3 s), the file's size (goal < 5 MB), and the time from
// navigation to data-ready (every view drawn) in headless chromium (goal ≤ 2 s); beside it the time
// to evaluated, when the page has evaluated the embedded manifests on its thread and answers a
// click on a workload's cell. Then P3's diverse cluster at 10,000 pods (one class per pod): the
// report, and the report and `netpol diff` of it against its next version (an eleventh of the pods
// and a seventh of the policies gone), with peak memory; no goals, a watch on the classes² work.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { launchChromium } from '../test/support/chromium';
import { writeCluster, writeClusterList, writeNextClusterList } from './reach/cluster';
import { Timing } from './support/measure';
import { timeRuns, timing } from './support/pairs';
import { Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const COMMAND_GOAL_SECONDS = 3;
const READY_GOAL_SECONDS = 2;
const SIZE_GOAL_MB = 5;

export async function runP5(options: BenchOptions): Promise<Row[]> {
  const [pods, namespaces] = options.quick ? [200, 25] : [1_000, 125];
  const runs = options.quick ? 2 : 5;
  const folder = path.join(WORK, 'p5');
  const files = writeCluster(folder, 'kubernetes', pods, namespaces);
  const output = path.join(folder, 'report.html');
  const label = `${pods.toLocaleString('en-US')} pods × ${(namespaces * 4).toLocaleString('en-US')} policies`;
  const command = `node bin/netpol.js report ${files.join(' ')} -o ${output}`;
  // The warmup also bundles the page once, as a first use in the repository would.
  const { outputs: _, ...whole } = timeRuns({ command, cwd: ROOT }, runs, 1);
  const full = !options.quick;
  const megabytes = fs.statSync(output).size / 1e6;
  const { ready, evaluated } = await timeToReady(output, runs);
  return [
    { benchmark: 'P5', measure: `\`netpol report\`, whole process, ${label}`, value: whole, ...(full && { goal: { text: `≤ ${COMMAND_GOAL_SECONDS} s`, met: whole.median <= COMMAND_GOAL_SECONDS } }) },
    { benchmark: 'P5', measure: `report file size, ${label}`, value: { amount: Number(megabytes.toFixed(2)), unit: 'MB' }, ...(full && { goal: { text: `< ${SIZE_GOAL_MB} MB`, met: megabytes < SIZE_GOAL_MB } }) },
    { benchmark: 'P5', measure: `load to data-ready in headless chromium, ${label}`, value: ready, ...(full && { goal: { text: `≤ ${READY_GOAL_SECONDS} s`, met: ready.median <= READY_GOAL_SECONDS } }) },
    { benchmark: 'P5', measure: `load to evaluated (the page answers a click on a workload's cell) in headless chromium, ${label}`, value: evaluated },
    ...(await largeCluster(folder, options)),
  ];
}

// P3's diverse cluster: the report, and the report and diff against the next version, whole processes.
async function largeCluster(folder: string, options: BenchOptions): Promise<Row[]> {
  const [pods, namespaces] = options.quick ? [200, 25] : [10_000, 500];
  const runs = options.quick ? 1 : 3;
  const current = writeClusterList(folder, 'kubernetes', pods, namespaces, 'diverse');
  const next = writeNextClusterList(folder, 'kubernetes', pods, namespaces, 'diverse');
  const output = path.join(folder, `report-diverse-${pods}.html`);
  const label = `P3's diverse cluster, ${pods.toLocaleString('en-US')} pods × ${(namespaces * 4).toLocaleString('en-US')} policies`;
  const nextLabel = 'against its next version (an eleventh of the pods and a seventh of the policies gone)';
  const rows = [
    ...wholeProcess(`report ${current} -o ${output}`, `\`netpol report\`, whole process, ${label}`, runs),
    ...wholeProcess(`report --diff ${current} ${next} -o ${path.join(folder, 'report-diff.html')}`, `\`netpol report --diff\`, whole process, ${label}, ${nextLabel}`, runs),
    ...wholeProcess(`diff ${current} ${next}`, `\`netpol diff\`, whole process, ${label}, ${nextLabel}`, runs),
  ];
  const { ready, evaluated } = await timeToReady(output, runs);
  return [
    ...rows,
    { benchmark: 'P5', measure: `report file size, ${label}`, value: { amount: Number((fs.statSync(output).size / 1e6).toFixed(2)), unit: 'MB' } },
    { benchmark: 'P5', measure: `load to data-ready in headless chromium, ${label}`, value: ready },
    { benchmark: 'P5', measure: `load to evaluated (the page answers a click on a workload's cell) in headless chromium, ${label}`, value: evaluated },
  ];
}

// A `netpol` command as one process (bench/reach/process.ts): its wall time, then its peak RSS.
function wholeProcess(line: string, measure: string, runs: number): Row[] {
  const { outputs, ...whole } = timeRuns({ command: `node -r ./scripts/register.js bench/reach/process.ts ${line}`, cwd: ROOT }, runs);
  const maxRssKb = Math.max(...outputs.map((output) => (JSON.parse(output) as { maxRssKb: number }).maxRssKb));
  return [
    { benchmark: 'P5', measure, value: whole },
    { benchmark: 'P5', measure: `${measure}: peak RSS`, value: { amount: Math.round(maxRssKb / 1024), unit: 'MiB' } },
  ];
}

// From navigation start to the page's netpol-ready mark (set with data-ready), and to its
// netpol-evaluated mark (the evaluation runs after the drawn views are painted), a fresh page each run.
async function timeToReady(file: string, runs: number): Promise<{ ready: Timing; evaluated: Timing }> {
  const browser = await launchChromium();
  const ready: number[] = [];
  const evaluated: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(pathToFileURL(file).href, { timeout: 300_000 });
      await page.waitForFunction(() => performance.getEntriesByName('netpol-evaluated').length > 0, undefined, { timeout: 300_000 });
      const [readyAt, evaluatedAt] = await page.evaluate(() => ['netpol-ready', 'netpol-evaluated'].map((name) => performance.getEntriesByName(name)[0].startTime));
      ready.push(readyAt / 1000);
      evaluated.push(evaluatedAt / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { ready: timing(ready), evaluated: timing(evaluated) };
}
