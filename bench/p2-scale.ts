// P2 — scale: 10,000 namespaces, each with DefaultDeny, AllowDns and a ThreeTier, synthesized to
// YAML in every dialect, in-process and whole-process, vs the same NetworkPolicies built with
// cdk8s-plus-33 and synthesized by cdk8s, and vs the floor: the yaml package writing the finished
// plain objects. Peak RSS of each whole-process run.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DIALECTS, DialectName, synthesize } from '../lib';
import { scaleApp } from './scale/app';
import { finishedObjects, stringifyObjects } from './scale/finished-objects';
import { hyperfine, tinybench } from './support/measure';
import { ratio, Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const GIB = 2 ** 20; // in KiB, as maxRSS reports

export async function runP2(options: BenchOptions): Promise<Row[]> {
  const namespaces = options.quick ? 200 : 10_000;
  const iterations = options.quick ? 2 : 5;
  const dialects = Object.keys(DIALECTS) as DialectName[];
  const rows: Row[] = [];
  const out = (name: string) => path.join(WORK, `p2-${name}`);
  // The goals are about 10,000 namespaces: at the quick size, starting node outweighs the work.
  const goal = (text: string, met: boolean) => (options.quick ? {} : { goal: { text, met } });

  // The baseline has its own dependencies (installed by the harness), so it is loaded only here
  // and type-checked on its own: a fresh clone's `tsc` need not see cdk8s-plus.
  const { synthPlusScale } = require('./baselines/cdk8s-plus/scale') as { synthPlusScale(namespaces: number, outdir: string): void };
  // In-process: the same work, timed by tinybench in this process.
  const plus = (await tinybench({ 'cdk8s-plus': () => synthPlusScale(namespaces, out('plus')) }, iterations))['cdk8s-plus'];
  for (const dialect of dialects) {
    const objects = finishedObjects(dialect, namespaces);
    const timings = await tinybench(
      {
        ours: () => synthesize([scaleApp(dialect, namespaces)], { outdir: out(`ours-${dialect}`) }),
        floor: () => stringifyObjects(objects),
      },
      iterations,
    );
    rows.push({ benchmark: 'P2', measure: `${dialect}: objects written for ${namespaces.toLocaleString('en-US')} namespaces`, value: { amount: objects.length, unit: 'objects' } });
    rows.push({ benchmark: 'P2', measure: `${dialect}, in-process`, value: timings.ours, baseline: { name: 'floor (yaml)', value: timings.floor }, ...goal('≤ 1.5×', ratio(timings.ours, timings.floor) <= 1.5) });
    if (dialect === 'kubernetes') {
      rows.push({ benchmark: 'P2', measure: 'cdk8s-plus-33, in-process (its time over ours)', value: plus, baseline: { name: 'ours (kubernetes)', value: timings.ours }, ...goal('≥ 2×', ratio(plus, timings.ours) >= 2) });
    }
  }

  // Whole-process: each run a fresh `node` launched the same way.
  const command = (subject: string, dialect: string, outdir = out(`${subject}-${dialect}`)) => `node -r ./scripts/register.js bench/scale/process.ts ${subject} ${dialect} ${namespaces} ${outdir}`;
  const commands: Record<string, string> = { 'cdk8s-plus': command('cdk8s-plus', 'kubernetes') };
  for (const dialect of dialects) {
    // The floor process reads the finished objects that this writes beside its output folder.
    execFileSync('sh', ['-c', command('prepare-floor', dialect, out(`floor-${dialect}`))], { cwd: ROOT });
    commands[`ours-${dialect}`] = command('ours', dialect);
    commands[`floor-${dialect}`] = command('floor', dialect);
  }
  const whole = hyperfine(commands, { runs: options.quick ? 2 : 5, warmup: 0, cwd: ROOT });
  const peakRss = (name: string) => JSON.parse(execFileSync('sh', ['-c', commands[name]], { cwd: ROOT, encoding: 'utf8' })).maxRssKb as number;
  for (const dialect of dialects) {
    const ours = whole[`ours-${dialect}`];
    rows.push({ benchmark: 'P2', measure: `${dialect}, whole process`, value: ours, baseline: { name: 'floor (yaml, whole process)', value: whole[`floor-${dialect}`] }, ...goal('≤ 1.5×', ratio(ours, whole[`floor-${dialect}`]) <= 1.5) });
    const rss = peakRss(`ours-${dialect}`);
    rows.push({ benchmark: 'P2', measure: `${dialect}, peak RSS (whole process)`, value: { amount: Math.round(rss / 1024), unit: 'MiB' }, ...goal('≤ 1 GiB', rss <= GIB) });
  }
  rows.push({ benchmark: 'P2', measure: 'cdk8s-plus-33, whole process (its time over ours)', value: whole['cdk8s-plus'], baseline: { name: 'ours (kubernetes)', value: whole['ours-kubernetes'] }, ...goal('≥ 2×', ratio(whole['cdk8s-plus'], whole['ours-kubernetes']) >= 2) });
  rows.push({ benchmark: 'P2', measure: 'cdk8s-plus-33, peak RSS (whole process)', value: { amount: Math.round(peakRss('cdk8s-plus') / 1024), unit: 'MiB' } });
  for (const name of fs.readdirSync(WORK).filter((entry) => entry.startsWith('p2-'))) fs.rmSync(path.join(WORK, name), { recursive: true, force: true });
  return rows;
}
