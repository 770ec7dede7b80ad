import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { DefaultDeny, NetpolAppDefinition, PolicyChart, synthesize } from '../lib';
import { APPS } from '../apps';

const ROOT = path.resolve(__dirname, '..');
const temporary: string[] = [];
afterEach(() => temporary.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-synth-'));
  temporary.push(dir);
  return dir;
}

/** Every file under a folder with its content, for comparing whole outputs. */
function snapshotOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

function runSynth(outdir: string, appsModule?: string) {
  // As `npm run synth` runs it: from the esbuild bundle (scripts/bundled.js).
  const args = ['scripts/bundled.js', '--include', 'apps', 'scripts/synth.ts', ...(appsModule ? [appsModule] : [])];
  return spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
}

const denyApp: NetpolAppDefinition = {
  name: 'demo',
  dialects: ['kubernetes'],
  build: (app) => new DefaultDeny(new PolicyChart(app, 'demo', { namespace: 'shop' }), 'DefaultDeny'),
};

describe('synthesize', () => {
  it('writes dist/<dialect>/<app>/<chart>.yaml and replaces the folder whole, stale files included', () => {
    const outdir = path.join(tempDir(), 'dist');
    fs.mkdirSync(path.join(outdir, 'kubernetes', 'gone'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'kubernetes', 'gone', 'stale.yaml'), 'stale');
    const files = synthesize([denyApp], { outdir });
    expect(files).toEqual([path.join(outdir, 'kubernetes', 'demo', 'demo.yaml')]);
    expect(Object.keys(snapshotOf(outdir))).toEqual([path.join('kubernetes', 'demo', 'demo.yaml')]);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  it('with partial, replaces only the <dialect>/<app>/ folders it writes and returns only their files', () => {
    const outdir = path.join(tempDir(), 'dist');
    for (const [file, text] of [['kubernetes/demo/stale.yaml', 'stale'], ['kubernetes/other/other.yaml', 'kept'], ['calico/demo/demo.yaml', 'kept too']]) {
      fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
      fs.writeFileSync(path.join(outdir, file), text);
    }
    const files = synthesize([denyApp], { outdir, partial: true });
    expect(files).toEqual([path.join(outdir, 'kubernetes', 'demo', 'demo.yaml')]);
    const output = snapshotOf(outdir);
    expect(Object.keys(output).sort()).toEqual(['calico/demo/demo.yaml', 'kubernetes/demo/demo.yaml', 'kubernetes/other/other.yaml']);
    expect([output['calico/demo/demo.yaml'], output['kubernetes/other/other.yaml']]).toEqual(['kept too', 'kept']);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });

  it('with partial, keeps an empty dialect folder and another app of the same dialect, and needs nothing else there', () => {
    const outdir = path.join(tempDir(), 'dist');
    fs.mkdirSync(path.join(outdir, 'kubernetes', 'demo'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'kubernetes', 'demo', 'stale.yaml'), 'stale');
    synthesize([denyApp], { outdir, partial: true });
    expect(Object.keys(snapshotOf(outdir))).toEqual([path.join('kubernetes', 'demo', 'demo.yaml')]);
    fs.mkdirSync(path.join(outdir, 'kubernetes', 'other'));
    fs.writeFileSync(path.join(outdir, 'kubernetes', 'other', 'other.yaml'), 'kept');
    synthesize([denyApp], { outdir, partial: true });
    expect(snapshotOf(outdir)[path.join('kubernetes', 'other', 'other.yaml')]).toBe('kept');
    fs.mkdirSync(path.join(outdir, 'calico'));
    synthesize([denyApp], { outdir, partial: true });
    expect(fs.readdirSync(outdir).sort()).toEqual(['calico', 'kubernetes']);
  });

  it('leaves the output exactly as it was when any app fails, and cleans up after itself', async () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'dist');
    synthesize([denyApp], { outdir });
    const before = snapshotOf(outdir);
    const { APPS: failing } = await import('./fixtures/failing-apps');
    expect(() => synthesize([denyApp, ...failing], { outdir })).toThrow(
      /app broken, dialect kubernetes:\n.*bad\/DenyAll: rules\[0\]\.action: deny rules cannot be expressed exactly in the kubernetes dialect \(dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp\)/s,
    );
    expect(snapshotOf(outdir)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });
});

describe('npm run synth', () => {
  it('writes byte-identical YAML every time, the same as the committed dist/', () => {
    const first = path.join(tempDir(), 'dist');
    const second = path.join(tempDir(), 'dist');
    expect(runSynth(first).status).toBe(0);
    expect(runSynth(second).status).toBe(0);
    expect(snapshotOf(first)).toEqual(snapshotOf(second));
    expect(snapshotOf(first)).toEqual(snapshotOf(path.join(ROOT, 'dist')));
  });

  it('exits non-zero with the error and leaves dist/ untouched when an intent needs a feature the dialect lacks', () => {
    const outdir = path.join(tempDir(), 'dist');
    fs.cpSync(path.join(ROOT, 'dist'), outdir, { recursive: true });
    const before = snapshotOf(outdir);
    const result = runSynth(outdir, 'test/fixtures/failing-apps.ts');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('synth failed');
    expect(result.stderr).toContain('[bad] bad/DenyAll: rules[0].action: deny rules cannot be expressed exactly in the kubernetes dialect (dialects that can: calico, cilium, kubernetes-cnp, kubernetes-anp)');
    expect(snapshotOf(outdir)).toEqual(before);
  });

  it("keeps the stack of an error thrown by the user's code (its file and line), and counts files in words", () => {
    const outdir = path.join(tempDir(), 'dist');
    const failed = runSynth(outdir, path.join(ROOT, 'test/fixtures/throwing-app.ts'));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('Error: config missing');
    expect(failed.stderr).toMatch(/at readConfig \(.*test\/fixtures\/throwing-app\.ts:5:9\)/);
    const wrote = runSynth(outdir, path.join(ROOT, 'test/fixtures/one-file-app.ts'));
    expect(wrote.stdout).toMatch(/^wrote 1 file to /);
  });

  it('fails, naming the module and the file to edit, when a module of the apps folder exports an app APPS does not list', () => {
    const apps = tempDir();
    const lib = JSON.stringify(path.join(ROOT, 'lib'));
    const app = (name: string) => `import { DefaultDeny, PolicyChart } from ${lib};\nexport const ${name} = { name: '${name}', dialects: ['kubernetes'], build: (app: any) => new DefaultDeny(new PolicyChart(app, '${name}', { namespace: 'shop' }), 'DefaultDeny') };\n`;
    fs.writeFileSync(path.join(apps, 'listed.ts'), app('listed'));
    fs.writeFileSync(path.join(apps, 'forgotten.ts'), app('forgotten'));
    fs.writeFileSync(path.join(apps, 'helpers.ts'), 'export const namespace = "shop";\n');
    fs.writeFileSync(path.join(apps, 'index.ts'), "import { listed } from './listed';\nexport const APPS = [listed];\n");
    const outdir = path.join(tempDir(), 'dist');
    const failed = runSynth(outdir, apps);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/apps not listed in APPS of .*index\.ts, so they would not be synthesized:\n {2}.*forgotten\.ts exports forgotten \(app 'forgotten'\)\nAdd each to APPS/);
    expect(failed.stderr).not.toContain('helpers');
    expect(fs.existsSync(outdir)).toBe(false);
    fs.writeFileSync(path.join(apps, 'index.ts'), "import { listed } from './listed';\nimport { forgotten } from './forgotten';\nexport const APPS = [listed, forgotten];\n");
    expect(runSynth(outdir, apps).status).toBe(0);
    expect(Object.keys(snapshotOf(outdir)).sort()).toEqual([path.join('kubernetes', 'forgotten', 'forgotten.yaml'), path.join('kubernetes', 'listed', 'listed.yaml')]);
  });

  it('builds every example app in every dialect it lists', () => {
    expect(APPS.map((app) => app.name)).toEqual(expect.arrayContaining(['shop', 'microservices']));
    expect(execFileSync('git', ['ls-files', 'dist'], { cwd: ROOT, encoding: 'utf8' })).toContain('dist/kubernetes/shop/shop.yaml');
  });
});
