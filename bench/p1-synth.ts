// P1 — `npm run synth` as a GitOps pipeline runs it: whole process, cold, from the shell; ours vs
// the cdk8s-plus baseline (ts-node with type-checking, as the cdk8s template runs an app) vs the
// floor (npm launching `node -e 0`). Then where our time goes, without npm.
import * as path from 'path';
import { hyperfine } from './support/measure';
import { ratio, Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

export function runP1(options: BenchOptions): Row[] {
  const runs = options.quick ? 3 : 10;
  const outdir = path.join(WORK, 'p1-dist');
  const npm = hyperfine(
    {
      floor: 'npm run -s bench:floor',
      ours: `CDK8S_OUTDIR=${outdir} npm run -s synth`,
      'cdk8s-plus': 'cd bench/baselines/cdk8s-plus && npm run -s synth',
    },
    { runs, warmup: 1, cwd: ROOT },
  );
  const parts = hyperfine(
    {
      node: 'node -e 0',
      register: 'node -r ./scripts/register.js -e 0',
      modules: `node -r ./scripts/register.js -e "require('./lib'); require('./apps')"`,
      synth: `CDK8S_OUTDIR=${outdir} node -r ./scripts/register.js scripts/synth.ts`,
    },
    { runs, warmup: 1, cwd: ROOT },
  );
  // Each step's cost is the difference of two medians: what it adds to the step before.
  const part = (measure: string, step: keyof typeof parts, before: keyof typeof parts): Row => ({
    benchmark: 'P1',
    measure,
    value: { amount: Math.round((parts[step].median - parts[before].median) * 1000), unit: `ms (median ${parts[step].median.toFixed(3)} s − ${String(before)} ${parts[before].median.toFixed(3)} s)` },
  });
  return [
    { benchmark: 'P1', measure: '`npm run synth`, example apps', value: npm.ours, baseline: { name: 'floor (`npm run` of `node -e 0`)', value: npm.floor }, goal: { text: '≤ 2×', met: ratio(npm.ours, npm.floor) <= 2 } },
    {
      benchmark: 'P1',
      measure: 'cdk8s-plus-33 baseline, `npm run synth` (its time over ours)',
      value: npm['cdk8s-plus'],
      baseline: { name: 'ours', value: npm.ours },
      goal: { text: '≥ 3×', met: ratio(npm['cdk8s-plus'], npm.ours) >= 3 },
    },
    { benchmark: 'P1', measure: 'where it goes: starting node', value: { amount: Math.round(parts.node.median * 1000), unit: 'ms' } },
    part('where it goes: the swc require hook', 'register', 'node'),
    part('where it goes: loading lib/ and apps/ (transpiled by swc)', 'modules', 'register'),
    part('where it goes: building, rendering and writing every app', 'synth', 'modules'),
  ];
}
