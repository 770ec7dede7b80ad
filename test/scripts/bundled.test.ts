// The esbuild launcher's cache (scripts/bundled.js): what runs must be the files as they are now,
// whatever a killed run left, and without esbuild the swc hook runs the script instead.
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'scripts', 'bundled.js');

describe('scripts/bundled.js', () => {
  let folder: string;
  let cache: string;
  const env = () => ({ ...process.env, NETPOL_BUNDLE_CACHE: cache, NETPOL_SWC_CACHE: path.join(folder, 'swc') });
  const run = (...args: string[]) => execFileSync(process.execPath, [LAUNCHER, '--include', path.join(folder, 'plugins'), path.join(folder, 'main.ts'), ...args], { encoding: 'utf8', env: env() }).trim();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  };
  const bundleFile = () => {
    const files = fs.readdirSync(cache).filter((name) => name.endsWith('.js'));
    expect(files).toHaveLength(1);
    return path.join(cache, files[0]);
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bundled-'));
    cache = path.join(folder, 'cache');
    write('dep.ts', "export const answer: number = 1;\n");
    // main.ts requires the included folder's modules by a computed path, as scripts/load-apps.ts does.
    write('main.ts', [
      "import * as fs from 'fs';",
      "import * as path from 'path';",
      "import { answer } from './dep';",
      "const plugins = fs.readdirSync(path.join(__dirname, 'plugins')).sort().map((file) => require(path.join(__dirname, 'plugins', file)).name as string);",
      "console.log([answer, ...plugins, ...process.argv.slice(2)].join(' '));",
      '',
    ].join('\n'));
    write('plugins/a.ts', "import { answer } from '../dep';\nexport const name: string = `a${answer}`;\n");
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('runs the script with its arguments, its own __dirname, the included modules and the imports they share', () => {
    expect(run('--x', 'y')).toBe('1 a1 --x y');
  });

  it("ends with the script's exit code after every 'exit' listener it added, at once or later", () => {
    write('main.ts', [
      "process.on('exit', () => console.log('added at once'));",
      "setTimeout(() => process.on('exit', () => console.log('added later')), 10);",
      'process.exitCode = 3;',
      '',
    ].join('\n'));
    for (const attempt of ['built', 'cached']) {
      const result = spawnSync(process.execPath, [LAUNCHER, path.join(folder, 'main.ts')], { encoding: 'utf8', env: env() });
      expect(result.status, attempt).toBe(3);
      expect(result.stdout.split('\n'), attempt).toEqual(['added at once', 'added later', '']);
    }
  });

  it('keeps text that is not ASCII, read back from the cache too', () => {
    write('plugins/b.ts', "// ‘quoted’ — a comment\nexport const name: string = 'Grüße, 東京';\n");
    expect(run()).toBe('1 a1 Grüße, 東京');
    expect(run()).toBe('1 a1 Grüße, 東京');
  });

  it("names the TypeScript file and line of an error thrown in a bundled module, whether or not the bundle was just built", () => {
    write('plugins/z.ts', "const seven: number = 7;\nexport const name: string = (() => { throw new Error(`boom ${seven}`); })();\n");
    for (const attempt of ['built', 'cached']) {
      const result = spawnSync(process.execPath, [LAUNCHER, '--include', path.join(folder, 'plugins'), path.join(folder, 'main.ts')], { encoding: 'utf8', env: env() });
      expect(result.status, attempt).toBe(1);
      expect(result.stderr, attempt).toContain('Error: boom 7');
      expect(result.stderr, attempt).toContain(`${path.join(folder, 'plugins', 'z.ts')}:2:`);
      expect(result.stderr, attempt).toMatch(new RegExp(`${path.join(folder, 'main.ts').replace(/[.]/g, '\\.')}:4:\\d+`));
    }
  });

  it('reads the bundle back from the cache when nothing changed', () => {
    run();
    const file = bundleFile();
    // Only a hit can print this: the bundle's code is replaced, its header (what it was built from) kept.
    const header = fs.readFileSync(file, 'utf8').split('\n')[0];
    fs.writeFileSync(file, `${header}\nexports[${JSON.stringify(path.join(folder, 'main.ts'))}] = () => console.log('from cache');\n`);
    expect(run()).toBe('from cache');
  });

  it('rebuilds when an imported file changes, and when a module is added to an included folder', () => {
    expect(run()).toBe('1 a1');
    write('dep.ts', "export const answer: number = 2;\n");
    expect(run()).toBe('2 a2');
    write('plugins/b.ts', "export const name: string = 'b';\n");
    expect(run()).toBe('2 a2 b');
    // Bundled, not left to the swc hook (which would print the same).
    const header = JSON.parse(fs.readFileSync(bundleFile(), 'utf8').split('\n')[0].replace('// netpol-bundle ', ''));
    expect(header.inputs).toContain(path.join(folder, 'plugins', 'b.ts'));
  });

  it("rebuilds when a package is upgraded, though npm gives its files one modification time and a file kept its size", () => {
    write('node_modules/fake/package.json', '{ "name": "fake", "version": "1.0.0", "main": "index.js" }');
    write('node_modules/fake/index.js', "exports.name = 'v1';\n");
    write('plugins/b.ts', "export { name } from 'fake';\n");
    const npmTime = new Date('1985-10-26T08:15:00Z');
    fs.utimesSync(path.join(folder, 'node_modules/fake/index.js'), npmTime, npmTime);
    expect(run()).toBe('1 a1 v1');
    write('node_modules/fake/package.json', '{ "name": "fake", "version": "1.0.1", "main": "index.js" }');
    write('node_modules/fake/index.js', "exports.name = 'v2';\n");
    fs.utimesSync(path.join(folder, 'node_modules/fake/index.js'), npmTime, npmTime);
    expect(run()).toBe('1 a1 v2');
  });

  it("keeps V8's code cache beside the bundle, one for the bundle as it is now, and runs right when it is not a code cache", () => {
    run();
    run();
    const codeCaches = () => fs.readdirSync(cache).filter((name) => name.endsWith('.v8'));
    expect(codeCaches()).toHaveLength(1);
    fs.writeFileSync(path.join(cache, codeCaches()[0]), 'not a code cache');
    expect(run()).toBe('1 a1');
    expect(fs.readFileSync(path.join(cache, codeCaches()[0]), 'utf8')).not.toBe('not a code cache');
    write('dep.ts', "export const answer: number = 5;\n");
    expect(run()).toBe('5 a5');
    expect(codeCaches()).toHaveLength(1);
  });

  it('rebuilds over a cache file that is not a whole bundle, and removes what killed runs left beside it', () => {
    run();
    const file = bundleFile();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 100));
    fs.writeFileSync(`${file}.12345.partial`, 'half a bundle');
    write('dep.ts', "export const answer: number = 3;\n");
    expect(run()).toBe('3 a3');
    expect(fs.readdirSync(cache).filter((name) => !name.endsWith('.v8')).sort()).toEqual([path.basename(file), `${path.basename(file)}.map`]);
  });

  it('leaves no broken cache when runs are killed at any moment while building it', async () => {
    for (const [index, delay] of [20, 60, 120, 200, 300, 450].entries()) {
      write('dep.ts', `export const answer: number = ${10 + index};\n`);
      const child = spawn(process.execPath, [LAUNCHER, '--include', path.join(folder, 'plugins'), path.join(folder, 'main.ts')], { env: env(), stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL'); // a no-op when it finished first
      await exited;
      expect(run()).toBe(`${10 + index} a${10 + index}`);
    }
  });

  it('runs the script through the swc hook where esbuild cannot be loaded', () => {
    // A copy of the launcher beside which only swc is installed.
    const scripts = path.join(folder, 'launcher', 'scripts');
    fs.mkdirSync(scripts, { recursive: true });
    for (const name of ['bundled.js', 'register.js']) fs.copyFileSync(path.join(ROOT, 'scripts', name), path.join(scripts, name));
    fs.mkdirSync(path.join(folder, 'launcher', 'node_modules'));
    fs.symlinkSync(path.join(ROOT, 'node_modules', '@swc'), path.join(folder, 'launcher', 'node_modules', '@swc'));
    const result = spawnSync(process.execPath, [path.join(scripts, 'bundled.js'), '--include', path.join(folder, 'plugins'), path.join(folder, 'main.ts')], { encoding: 'utf8', env: env(), cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('1 a1');
    expect(fs.existsSync(cache)).toBe(false);
    expect(fs.readdirSync(path.join(folder, 'swc')).length).toBeGreaterThan(0);
  });
});
