// `npm run synth -- --apps ... --dialects ...`: the benchmarks freeze their workload with these.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function synth(...args: string[]) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-synth-'));
  folders.push(folder);
  const outdir = path.join(folder, 'dist');
  const result = spawnSync(process.execPath, ['-r', './scripts/register.js', 'scripts/synth.ts', ...args], { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
  const files = fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(outdir, path.join(entry.parentPath, entry.name))).sort() : [];
  const text = (file: string) => fs.readFileSync(path.join(outdir, file), 'utf8');
  return { ...result, files, text };
}

describe('npm run synth --apps / --dialects', () => {
  it('writes only the apps and dialects named, the same bytes as dist/', () => {
    const { status, files, text } = synth('--apps', 'shop,microservices', '--dialects', 'kubernetes,calico');
    expect(status).toBe(0);
    for (const file of files) expect(text(file)).toBe(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8'));
    expect(files).toEqual(['calico/microservices/platform.yaml', 'calico/microservices/services.yaml', 'calico/shop/shop.yaml', 'kubernetes/microservices/platform.yaml', 'kubernetes/microservices/services.yaml', 'kubernetes/shop/shop.yaml']);
  });

  it('keeps an app in the dialects it lists that are also named, and leaves it out of the others', () => {
    // guardrails is written in Calico only.
    expect(synth('--apps', 'guardrails', '--dialects', 'calico,kubernetes').files).toEqual(['calico/guardrails/cluster.yaml', 'calico/guardrails/shop.yaml']);
  });

  it('fails, naming the valid ones, on an app or a dialect that does not exist', () => {
    const dialect = synth('--dialects', 'kubernets');
    expect(dialect.status).toBe(1);
    expect(dialect.stderr).toContain('--dialects: there is no dialect kubernets; the dialects are kubernetes, calico, cilium');
    const app = synth('--apps', 'shopp');
    expect(app.status).toBe(1);
    expect(app.stderr).toMatch(/--apps: there is no app shopp; the apps are shop, microservices/);
  });
});
