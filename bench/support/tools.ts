import { execFileSync, execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../options';

/** Installs hyperfine from Debian's packages when it is missing (CI runs as root on a fresh machine). */
export function ensureHyperfine(): void {
  try {
    execFileSync('hyperfine', ['--version'], { stdio: 'ignore' });
  } catch {
    console.error('installing hyperfine (apt-get)...');
    execSync('apt-get install -y hyperfine || (apt-get update && apt-get install -y hyperfine)', { stdio: 'inherit' });
  }
}

/** Installs the cdk8s-plus baseline's own dependencies (its lockfile is committed) when they are missing. */
export function ensureBaseline(): void {
  const baseline = path.join(ROOT, 'bench', 'baselines', 'cdk8s-plus');
  if (!fs.existsSync(path.join(baseline, 'node_modules', 'cdk8s-plus-33'))) {
    console.error('installing the cdk8s-plus baseline (npm ci)...');
    execSync('npm ci --no-audit --no-fund', { cwd: baseline, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
