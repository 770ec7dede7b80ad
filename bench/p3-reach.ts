// P3 — analysis at cluster scale: `netpol reach` over 1,000 to 10,000 generated pods in 500
// namespaces under 2,000 policies, in every dialect. Reading, evaluating and listing are timed
// apart (an open cluster's list has pods² lines); the exponent says how evaluation grows with pods.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { DIALECTS, DialectName } from '../lib';
import { loadManifests, readPolicies, readWorkloads, reach } from '../lib/analysis';
import { reachText } from '../lib/cli/formats';
import { writeCluster } from './reach/cluster';
import { hyperfine, Timing, tinybench } from './support/measure';
import { Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const GOAL_SECONDS = 5;

export async function runP3(options: BenchOptions): Promise<Row[]> {
  const sizes = options.quick ? [200, 400] : [1_000, 2_000, 5_000, 10_000];
  const namespaces = options.quick ? 50 : 500;
  const iterations = options.quick ? 2 : 3;
  const folder = path.join(WORK, 'p3');
  const rows: Row[] = [];
  for (const dialect of Object.keys(DIALECTS) as DialectName[]) {
    const evaluation: Timing[] = [];
    for (const pods of sizes) {
      const files = writeCluster(folder, dialect, pods, namespaces);
      const manifests = loadManifests(files);
      const workloads = readWorkloads(manifests);
      const { intents, notAnalysed } = readPolicies(manifests.map((sourced) => sourced.manifest));
      if (notAnalysed.length > 0) throw new Error(`P3 ${dialect}: ${notAnalysed.length} policies not analysed: the generator must stay analysable`);
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
          list: () => reachText([...reach(intents, workloads).connections()]),
        },
        iterations,
      );
      evaluation.push(timings.evaluate);
      const label = `${dialect}, ${pods.toLocaleString('en-US')} pods × ${intents.length.toLocaleString('en-US')} policies`;
      const last = pods === sizes[sizes.length - 1];
      rows.push({
        benchmark: 'P3',
        measure: `${label}: evaluation (${evaluated.analysis.classes.length.toLocaleString('en-US')} pod classes)`,
        value: timings.evaluate,
        ...(last && !options.quick && { goal: { text: `≤ ${GOAL_SECONDS} s`, met: timings.evaluate.median <= GOAL_SECONDS } }),
      });
      rows.push({ benchmark: 'P3', measure: `${label}: reading the YAML`, value: timings.read });
      rows.push({ benchmark: 'P3', measure: `${label}: evaluation and listing ${lines.toLocaleString('en-US')} lines`, value: timings.list });
    }
    for (let index = 1; index < sizes.length; index++) {
      const exponent = Math.log(evaluation[index].median / evaluation[index - 1].median) / Math.log(sizes[index] / sizes[index - 1]);
      rows.push({ benchmark: 'P3', measure: `${dialect}: evaluation time ∝ pods^k from ${sizes[index - 1]} to ${sizes[index]} pods`, value: { amount: Number(exponent.toFixed(2)), unit: '= k' } });
    }
    const largest = writeCluster(folder, dialect, sizes[sizes.length - 1], namespaces);
    const command = `node -r ./scripts/register.js bench/reach/process.ts ${largest.join(' ')}`;
    const whole = hyperfine({ reach: command }, { runs: options.quick ? 2 : 3, warmup: 0, cwd: ROOT }).reach;
    rows.push({ benchmark: 'P3', measure: `${dialect}: \`netpol reach\`, whole process, ${sizes[sizes.length - 1].toLocaleString('en-US')} pods`, value: whole });
    const { maxRssKb } = JSON.parse(execFileSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' }));
    rows.push({ benchmark: 'P3', measure: `${dialect}: peak RSS of that process`, value: { amount: Math.round(maxRssKb / 1024), unit: 'MiB' } });
  }
  return rows;
}
