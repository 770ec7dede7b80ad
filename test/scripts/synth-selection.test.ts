// `npm run synth -- [FILE.ts] --apps ... --dialects ...`: the benchmarks freeze their workload with these;
// an imported module's apps join the example apps.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function emptyOutdir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-synth-'));
  folders.push(folder);
  return path.join(folder, 'dist');
}

/** A copy of the committed dist/ in a fresh folder. */
function committedOutdir(): string {
  const outdir = emptyOutdir();
  fs.cpSync(path.join(ROOT, 'dist'), outdir, { recursive: true });
  return outdir;
}

/** Every file under `outdir` (relative path) with its content. */
function snapshotOf(outdir: string): Record<string, string> {
  if (!fs.existsSync(outdir)) return {};
  const files = fs.readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => path.join(entry.parentPath, entry.name)).sort().map((file) => [path.relative(outdir, file), fs.readFileSync(file, 'utf8')]));
}

function synthInto(outdir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['-r', './scripts/register.js', 'scripts/synth.ts', ...args], { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
  return { ...result, output: snapshotOf(outdir) };
}

function synth(...args: string[]) {
  const { output, ...result } = synthInto(emptyOutdir(), ...args);
  return { ...result, files: Object.keys(output), text: (file: string) => output[file] };
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

  it('replaces only the <dialect>/<app>/ folders it writes, whole, and keeps the other apps and dialects', () => {
    const outdir = committedOutdir();
    const committed = snapshotOf(outdir);
    fs.writeFileSync(path.join(outdir, 'kubernetes/shop/shop.yaml'), 'old');
    fs.writeFileSync(path.join(outdir, 'kubernetes/shop/stale.yaml'), 'stale');
    fs.writeFileSync(path.join(outdir, 'calico/shop/shop.yaml'), 'another dialect, not named');
    const result = synthInto(outdir, '--apps', 'shop', '--dialects', 'kubernetes');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote 1 file to .*dist\/ \(the other apps and dialects in it are kept\)/);
    expect(result.output).toEqual({ ...committed, 'calico/shop/shop.yaml': 'another dialect, not named' });
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  it('with a module of its own (an imported FILE.ts), adds its apps and keeps the example apps', () => {
    const outdir = committedOutdir();
    const committed = snapshotOf(outdir);
    const result = synthInto(outdir, 'test/fixtures/one-file-app.ts');
    expect(result.status).toBe(0);
    expect(result.output).toEqual({ ...committed, 'kubernetes/one/c.yaml': expect.any(String) });
  });

  it('leaves the output exactly as it was when a partial synth fails', () => {
    const outdir = committedOutdir();
    const before = snapshotOf(outdir);
    const failed = synthInto(outdir, 'test/fixtures/failing-apps.ts', '--apps', 'broken', '--dialects', 'kubernetes');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('synth failed');
    expect(failed.output).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });
});
