// P1 — `npm run synth` as a GitOps pipeline runs it: whole processes, cold, each comparison timed in
// turns (bench/support/pairs.ts). The workload is frozen: today's four example apps in the
// kubernetes, calico and cilium dialects; a dialect added later is its own row. Against cdk8s-plus,
// the shop app in Kubernetes alone (what cdk8s-plus can write), through each launcher with both
// sides on it: our esbuild bundle (scripts/bundled.js, `npm run synth`'s), our swc hook,
// precompiled JavaScript, ts-node type-checking and ts-node transpile-only (the last three on the
// consumer project, bench/support/consumer.ts).
import * as fs from 'fs';
import * as path from 'path';
import { DIALECT_NAMES } from '../lib';
import { BASELINE, prepareConsumer, TS_NODE } from './support/consumer';
import { Command, pairProcesses } from './support/pairs';
import { pairedRow, Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const FROZEN_APPS = ['shop', 'microservices', 'guardrails', 'storefront'];
const FROZEN_DIALECTS = ['kubernetes', 'calico', 'cilium'];

export async function runP1(options: BenchOptions): Promise<Row[]> {
  // Quick runs (CI) only keep the harness from rotting: no warmup pair, whose figures no one reads.
  const pairs = { pairs: options.quick ? 2 : 20, warmup: options.quick ? 0 : 1 };
  // Each row writes its own output folder: a run given --apps or --dialects keeps (copies) what
  // else its folder holds, which a shared folder would make it copy on every run.
  const outdirs = path.join(WORK, 'p1-dist');
  fs.rmSync(outdirs, { recursive: true, force: true });
  const outdir = (row: string) => path.join(outdirs, row);
  const at = (cwd: string) => (command: string): Command => ({ command, cwd });
  const root = at(ROOT);
  const baseline = at(BASELINE);
  const npmSynth = (row: string, args: string) => root(`CDK8S_OUTDIR=${outdir(row)} npm run -s synth -- ${args}`);
  const floor = root('npm run -s bench:floor');
  const rows: Row[] = [];

  const frozen = await pairProcesses(npmSynth('frozen', `--apps ${FROZEN_APPS.join(',')} --dialects ${FROZEN_DIALECTS.join(',')}`), floor, pairs);
  rows.push(pairedRow('P1', '`npm run synth`: the four example apps in kubernetes, calico, cilium', frozen, 'floor (`npm run` of `node -e 0`)', { text: '≤ 1.6×', met: (ratio) => ratio <= 1.6 }));
  for (const dialect of DIALECT_NAMES.filter((name) => !FROZEN_DIALECTS.includes(name))) {
    const added = await pairProcesses(npmSynth(dialect, `--dialects ${dialect}`), floor, pairs);
    rows.push(pairedRow('P1', `\`npm run synth\`: the example apps in ${dialect} (a later dialect, outside the frozen workload)`, added, 'floor (`npm run` of `node -e 0`)'));
  }

  // Shop, Kubernetes: cdk8s-plus over ours, each launcher running both.
  const bundled = `node ${path.join(ROOT, 'scripts', 'bundled.js')}`;
  const bundle = await pairProcesses(baseline(`${bundled} main.ts shop`), root(`CDK8S_OUTDIR=${outdir('shop-bundled')} ${bundled} --include apps scripts/synth.ts --apps shop --dialects kubernetes`), pairs);
  rows.push(pairedRow('P1', 'shop, kubernetes: cdk8s-plus-33 over ours, both from our cached esbuild bundle (`npm run synth`\'s launcher, scripts/bundled.js)', bundle, 'ours', { text: '≥ 1.2×', met: (ratio) => ratio >= 1.2 }));
  const hook = `node -r ${path.join(ROOT, 'scripts', 'register.js')}`;
  const swc = await pairProcesses(baseline(`${hook} main.ts shop`), root(`CDK8S_OUTDIR=${outdir('shop-swc')} ${hook} scripts/synth.ts --apps shop --dialects kubernetes`), pairs);
  rows.push(pairedRow('P1', 'shop, kubernetes: cdk8s-plus-33 over ours, both through our swc hook (its transform cache)', swc, 'ours'));
  const consumer = at(prepareConsumer());
  const compiled = await pairProcesses(baseline('node build/main.js shop'), consumer('node build/main.js'), pairs);
  rows.push(pairedRow('P1', 'shop, kubernetes: cdk8s-plus-33 over ours, both precompiled JavaScript (tsc)', compiled, 'ours'));
  // Type-checking takes seconds a run: quick runs (CI) leave it out.
  if (!options.quick) {
    const checking = await pairProcesses(baseline(`${TS_NODE} main.ts shop`), consumer(`${TS_NODE} main.ts`), { pairs: 10, warmup: 1 });
    rows.push(pairedRow('P1', 'shop, kubernetes: cdk8s-plus-33 over ours, both through ts-node type-checking (the cdk8s template\'s way; a consumer project of ours)', checking, 'ours'));
  }
  const transpiling = await pairProcesses(baseline(`${TS_NODE} --transpile-only main.ts shop`), consumer(`${TS_NODE} --transpile-only main.ts`), pairs);
  rows.push(pairedRow('P1', 'shop, kubernetes: cdk8s-plus-33 over ours, both through ts-node transpile-only (a consumer project of ours)', transpiling, 'ours'));

  // Where our time goes, without npm: each step over the one before it.
  const steps: [string, Command][] = [
    ['starting node', root('node -e 0')],
    ['loading lib/ and apps/ (from the cached bundle)', root(`${bundled} bench/support/load-only.ts`)],
    ['building, rendering and writing the frozen workload', root(`CDK8S_OUTDIR=${outdir('steps')} ${bundled} --include apps scripts/synth.ts --apps ${FROZEN_APPS.join(',')} --dialects ${FROZEN_DIALECTS.join(',')}`)],
  ];
  for (let index = 1; index < steps.length; index++) {
    const step = await pairProcesses(steps[index][1], steps[index - 1][1], pairs);
    rows.push(pairedRow('P1', `where it goes: ${steps[index][0]} (over ${steps[index - 1][0]})`, step, steps[index - 1][0]));
  }
  return rows;
}
