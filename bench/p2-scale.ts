// P2 — scale: 10,000 namespaces, each with DefaultDeny, AllowDns and a ThreeTier, synthesized to
// YAML in every dialect, in-process and whole-process, each comparison timed in turns. The floor
// is the finished plain objects written by js-yaml with our options (what we write with); the
// yaml package writing them is a second, labelled row. Against the same NetworkPolicies built with
// cdk8s-plus-33 and synthesized by cdk8s. Peak RSS of each whole-process run.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DIALECT_NAMES, synthesize } from '../lib';
import { stringifyManifests } from '../lib/synth/yaml';
import { scaleApp, synthScaleWithCdk8s } from './scale/app';
import { finishedObjects, writeFloor } from './scale/finished-objects';
import { pairFunctions, pairProcesses } from './support/pairs';
import { pairedRow, Row } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const GIB = 2 ** 20; // in KiB, as maxRSS reports
const NAMESPACES_PER_CHART = 10;
const BY_OUR_WRITER = 'both written by js-yaml with our options (cdk8s-plus: its chart\'s objects, every construct validated as App.synth does)';
const BY_APP_SYNTH = 'both through cdk8s\' App.synth (the yaml package writes: what a cdk8s project\'s `cdk8s synth` does)';

export async function runP2(options: BenchOptions): Promise<Row[]> {
  const namespaces = options.quick ? 200 : 10_000;
  const pairs = { pairs: options.quick ? 2 : 5, warmup: options.quick ? 0 : 1 };
  const rows: Row[] = [];
  const out = (name: string) => path.join(WORK, `p2-${name}`);
  // The goals are about 10,000 namespaces: at the quick size, starting node outweighs the work.
  const goal = (text: string, met: (ratio: number) => boolean) => (options.quick ? undefined : { text, met });
  const size = `${namespaces.toLocaleString('en-US')} namespaces`;
  // Quick runs keep CI short: one dialect is enough for the harness not to rot.
  const dialects = options.quick ? DIALECT_NAMES.slice(0, 1) : DIALECT_NAMES;

  // The baseline has its own dependencies (installed by the harness), so it is loaded only here
  // and type-checked on its own: a fresh clone's `tsc` need not see cdk8s-plus.
  const { synthPlusScale } = require('./baselines/cdk8s-plus/scale') as { synthPlusScale(namespaces: number, outdir: string, write?: (objects: unknown[]) => string): void };
  for (const dialect of dialects) {
    const objects = finishedObjects(dialect, namespaces);
    const ours = () => synthesize([scaleApp(dialect, namespaces)], { outdir: out(`ours-${dialect}`) });
    rows.push({ benchmark: 'P2', measure: `${dialect}: objects written for ${size}`, value: { amount: objects.length, unit: 'objects' } });
    const floor = await pairFunctions(ours, () => writeFloor(objects, out(`floor-${dialect}`), 'js-yaml'), pairs);
    rows.push(pairedRow('P2', `${dialect}, in-process: ours over the floor`, floor, 'floor (js-yaml, our options)', goal('≤ 1.5×', (ratio) => ratio <= 1.5)));
    if (dialect === 'kubernetes') {
      const yaml = await pairFunctions(ours, () => writeFloor(objects, out('floor-yaml'), 'yaml'), pairs);
      rows.push(pairedRow('P2', `${dialect}, in-process: ours over a second floor, the yaml package (slower than what we write with)`, yaml, 'floor (yaml package)'));
      // The same policies in many charts: each chart's rendering looks at the others (names, shared objects).
      const charts = namespaces / NAMESPACES_PER_CHART;
      const spread = await pairFunctions(() => synthesize([scaleApp(dialect, namespaces, NAMESPACES_PER_CHART)], { outdir: out('ours-charts') }), ours, pairs);
      rows.push(pairedRow('P2', `${dialect}, in-process: the same policies in ${charts.toLocaleString('en-US')} charts of ${NAMESPACES_PER_CHART} namespaces, over one chart`, spread, 'one chart'));
      // Against cdk8s-plus, each side's YAML written the same way: by our writer, or by cdk8s' App.synth.
      const plus = await pairFunctions(() => synthPlusScale(namespaces, out('plus'), stringifyManifests), ours, pairs);
      rows.push(pairedRow('P2', `cdk8s-plus-33 over ours (kubernetes), in-process, ${BY_OUR_WRITER}`, plus, 'ours', goal('≥ 2×', (ratio) => ratio >= 2)));
      const plusCdk8s = await pairFunctions(() => synthPlusScale(namespaces, out('plus-cdk8s')), () => synthScaleWithCdk8s(dialect, namespaces, out('ours-cdk8s')), pairs);
      rows.push(pairedRow('P2', `cdk8s-plus-33 over ours (kubernetes), in-process, ${BY_APP_SYNTH}`, plusCdk8s, 'ours', goal('≥ 2×', (ratio) => ratio >= 2)));
    }
  }

  // Whole-process: each run a fresh `node` launched the same way.
  const command = (subject: string, dialect: string, outdir = out(`${subject}-${dialect}`)) => ({ command: `node -r ./scripts/register.js bench/scale/process.ts ${subject} ${dialect} ${namespaces} ${outdir}`, cwd: ROOT });
  const peakRss = ({ command: line }: { command: string }) => (JSON.parse(execFileSync('sh', ['-c', line], { cwd: ROOT, encoding: 'utf8' })).maxRssKb as number) / 1024;
  for (const dialect of dialects) {
    // The floor process reads the finished objects that this writes beside its output folder.
    execFileSync('sh', ['-c', command('prepare-floor', dialect, out(`floor-${dialect}`)).command], { cwd: ROOT });
    const ours = command('ours', dialect);
    const whole = await pairProcesses(ours, command('floor', dialect), pairs);
    rows.push(pairedRow('P2', `${dialect}, whole process: ours over the floor`, whole, 'floor (js-yaml, our options; reads the objects as JSON)', goal('≤ 1.5×', (ratio) => ratio <= 1.5)));
    const rss = peakRss(ours);
    rows.push({ benchmark: 'P2', measure: `${dialect}, peak RSS (whole process)`, value: { amount: Math.round(rss), unit: 'MiB' }, ...(options.quick ? {} : { goal: { text: '≤ 1 GiB', met: rss * 1024 <= GIB } }) });
    if (dialect === 'kubernetes') {
      const plus = await pairProcesses(command('cdk8s-plus-js-yaml', 'kubernetes'), ours, pairs);
      rows.push(pairedRow('P2', `cdk8s-plus-33 over ours (kubernetes), whole process, ${BY_OUR_WRITER}`, plus, 'ours', goal('≥ 2×', (ratio) => ratio >= 2)));
      const plusCommand = command('cdk8s-plus', 'kubernetes');
      const plusCdk8s = await pairProcesses(plusCommand, command('ours-app-synth', 'kubernetes'), pairs);
      rows.push(pairedRow('P2', `cdk8s-plus-33 over ours (kubernetes), whole process, ${BY_APP_SYNTH}`, plusCdk8s, 'ours', goal('≥ 2×', (ratio) => ratio >= 2)));
      rows.push({ benchmark: 'P2', measure: 'cdk8s-plus-33, peak RSS (whole process, App.synth)', value: { amount: Math.round(peakRss(plusCommand)), unit: 'MiB' } });
    }
  }
  for (const name of fs.readdirSync(WORK).filter((entry) => entry.startsWith('p2-'))) fs.rmSync(path.join(WORK, name), { recursive: true, force: true });
  return rows;
}
