import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../options';

/** Installs the cdk8s-plus baseline's own dependencies (its lockfile is committed) when they are missing. */
export function ensureBaseline(): void {
  const baseline = path.join(ROOT, 'bench', 'baselines', 'cdk8s-plus');
  if (!fs.existsSync(path.join(baseline, 'node_modules', 'cdk8s-plus-33'))) {
    console.error('installing the cdk8s-plus baseline (npm ci)...');
    execSync('npm ci --no-audit --no-fund', { cwd: baseline, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
