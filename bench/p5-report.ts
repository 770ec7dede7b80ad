// P5 — `netpol report` at cluster scale: the P3 cluster with 1,000 pods in 125 namespaces under 500
// policies. The whole command (goal ≤ 3 s), the file's size (goal < 5 MB), and the time from
// navigation to data-ready (every view drawn) in headless chromium (goal ≤ 2 s).
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { launchChromium } from '../test/support/chromium';
import { writeCluster } from './reach/cluster';
import { Timing } from './support/measure';
import { timeRuns } from './support/pairs';
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
  const ready = await timeToReady(output, runs);
  return [
    { benchmark: 'P5', measure: `\`netpol report\`, whole process, ${label}`, value: whole, ...(full && { goal: { text: `≤ ${COMMAND_GOAL_SECONDS} s`, met: whole.median <= COMMAND_GOAL_SECONDS } }) },
    { benchmark: 'P5', measure: `report file size, ${label}`, value: { amount: Number(megabytes.toFixed(2)), unit: 'MB' }, ...(full && { goal: { text: `< ${SIZE_GOAL_MB} MB`, met: megabytes < SIZE_GOAL_MB } }) },
    { benchmark: 'P5', measure: `load to data-ready in headless chromium, ${label}`, value: ready, ...(full && { goal: { text: `≤ ${READY_GOAL_SECONDS} s`, met: ready.median <= READY_GOAL_SECONDS } }) },
  ];
}

// From navigation start to the page's netpol-ready mark (set with data-ready), a fresh page each run.
async function timeToReady(file: string, runs: number): Promise<Timing> {
  const browser = await launchChromium();
  const seconds: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('#report[data-ready]', { timeout: 120_000 });
      seconds.push((await page.evaluate(() => performance.getEntriesByName('netpol-ready')[0].startTime)) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  seconds.sort((a, b) => a - b);
  return { min: seconds[0], median: seconds[Math.floor(seconds.length / 2)], max: seconds[seconds.length - 1], runs };
}
