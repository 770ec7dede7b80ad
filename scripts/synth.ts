// `npm run synth [-- <apps module>] [--apps a,b] [--dialects x,y]`: every app of the module
// (default: apps/) in every dialect it lists, into dist/ (or $CDK8S_OUTDIR, which `cdk8s synth`
// sets). `--apps` and `--dialects` keep only those (the benchmarks freeze their workload with
// them). With either, or with a module of its own (an imported `FILE.ts`), only the
// `<dialect>/<app>/` folders written are replaced: the other apps and dialects already in the
// output stay. Exits 1, leaving the output as it was, on any error.
import './zod-jitless';
import * as path from 'path';
import { parseArgs } from 'util';
import { DIALECTS, DialectName, NetpolAppDefinition, synthesize } from '../lib';
import { loadApps } from './load-apps';

const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').filter(Boolean));
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { apps: { type: 'string' }, dialects: { type: 'string' } } });
  const appsModule = path.resolve(positionals[0] ?? path.join(__dirname, '../apps'));
  const apps = selectApps(loadApps(appsModule), list(values.apps), list(values.dialects));
  const partial = positionals[0] !== undefined || values.apps !== undefined || values.dialects !== undefined;
  const files = synthesize(apps, { outdir, partial });
  const kept = partial ? ' (the other apps and dialects in it are kept)' : '';
  console.log(`wrote ${files.length} ${files.length === 1 ? 'file' : 'files'} to ${path.relative(process.cwd(), path.resolve(outdir)) || '.'}/${kept}`);
} catch (error) {
  console.error(`synth failed; ${outdir}/ is unchanged.\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

/** The apps named (all when none are), each in the dialects named that it is written in. */
function selectApps(apps: readonly NetpolAppDefinition[], names: string[] | undefined, dialects: string[] | undefined): NetpolAppDefinition[] {
  const known = Object.keys(DIALECTS);
  for (const name of names ?? []) {
    if (!apps.some((app) => app.name === name)) throw new Error(`--apps: there is no app ${name}; the apps are ${apps.map((app) => app.name).join(', ')}`);
  }
  for (const dialect of dialects ?? []) {
    if (!known.includes(dialect)) throw new Error(`--dialects: there is no dialect ${dialect}; the dialects are ${known.join(', ')}`);
  }
  return apps
    .filter((app) => !names || names.includes(app.name))
    .map((app) => (dialects ? { ...app, dialects: (app.dialects ?? (known as DialectName[])).filter((dialect) => dialects.includes(dialect)) } : app));
}
