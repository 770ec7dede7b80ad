// `npm run synth [-- <apps module>]`: every app of the module (default: apps/) in every dialect,
// into dist/ (or $CDK8S_OUTDIR, which `cdk8s synth` sets). Exits 1, leaving the output as it was, on any error.
import * as path from 'path';
import { synthesize } from '../lib';
import { loadApps } from './load-apps';

const appsModule = path.resolve(process.argv[2] ?? path.join(__dirname, '../apps'));
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
try {
  const files = synthesize(loadApps(appsModule), { outdir });
  console.log(`wrote ${files.length} files to ${path.relative(process.cwd(), path.resolve(outdir)) || '.'}/`);
} catch (error) {
  console.error(`synth failed; ${outdir}/ is unchanged.\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
