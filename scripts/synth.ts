// `npm run synth`: every example app in every dialect, into dist/ (or $CDK8S_OUTDIR for `cdk8s synth`).
import * as path from 'path';
import { synthesize } from '../lib';
import { APPS } from '../apps';

const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
try {
  const files = synthesize(APPS, { outdir });
  console.log(`wrote ${files.length} files to ${path.relative(process.cwd(), path.resolve(outdir)) || '.'}/`);
} catch (error) {
  console.error(`synth failed; ${outdir}/ is unchanged.\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
