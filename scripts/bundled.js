// `node scripts/bundled.js [--include <folder>]... <script.ts> [args...]`: runs a TypeScript script
// from one esbuild bundle of it and everything it imports (the repository's modules and the
// packages'), instead of finding, reading and evaluating each module file (transpiled by the swc
// hook or read back from its cache): module loading is most of `npm run synth`'s time (bench/,
// P1). `--include` adds the modules of a folder that the script requires by a path it computes
// (apps/, which scripts/load-apps.ts reads).
//
// The bundle is cached and checked each run against what it was built from: the size and
// modification time of each file (the contents of each package's package.json), the listing of
// each included folder, esbuild's version and this launcher; it is rebuilt when any differs. Each
// bundled module is put in Node's module cache under its own file name, evaluated when first
// required, so a module outside the bundle (a user's apps module) that imports lib/ or cdk8s gets
// the same classes. Such a module goes through the swc hook (scripts/register.js), which is also
// the whole launcher where esbuild is missing. V8's code cache of the bundle is kept beside it.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const url = require('url');
const vm = require('vm');

const CACHE = process.env.NETPOL_BUNDLE_CACHE || path.join(__dirname, '..', 'node_modules', '.cache', 'netpol-bundle');
const MODULE = /^[^.].*(?<!\.d)\.ts$/;
/** First line of a cached bundle: what it was built from. */
const HEADER = '// netpol-bundle ';

function parseArguments(argv) {
  const includes = [];
  let index = 0;
  for (; argv[index] === '--include'; index += 2) includes.push(path.resolve(argv[index + 1]));
  if (argv[index] === undefined) throw new Error('usage: node scripts/bundled.js [--include <folder>]... <script.ts> [args...]');
  return { includes, script: path.resolve(argv[index]), args: argv.slice(index + 1) };
}

const digest = (text) => crypto.createHash('sha256').update(text).digest('hex');
const listing = (folder) => fs.readdirSync(folder).filter((name) => MODULE.test(name)).sort();
const isPackageFile = (file) => file.split(path.sep).includes('node_modules');

function esbuildVersion() {
  try {
    return require('esbuild/package.json').version;
  } catch {
    return undefined;
  }
}

/** What a bundle depends on besides its input files: this launcher, esbuild, Node's major version, the script and the included folders' listings. */
function stampOf(script, includes, version) {
  return digest(JSON.stringify([fs.readFileSync(__filename, 'utf8'), version, process.versions.node.split('.')[0], script, includes.map((folder) => [folder, listing(folder)])]));
}

/**
 * One input as it is now: a package's package.json by its contents, any other file by its size and
 * modification time (reading and hashing every file cost 5 ms a run, a twentieth of a small
 * synth's; an edit changes the modification time; npm gives every file of a package one, so the
 * package.json's version is what tells an upgrade that left a file's size as it was).
 */
function signatureOf(file) {
  if (isPackageFile(file) && path.basename(file) === 'package.json') return digest(fs.readFileSync(file));
  const { size, mtimeMs } = fs.statSync(file);
  return `${size}:${mtimeMs}`;
}

/** The package.json of the package a file in node_modules belongs to. */
function packageJsonOf(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules') + 1;
  return [...parts.slice(0, at + (parts[at].startsWith('@') ? 2 : 1)), 'package.json'].join(path.sep);
}

/** The digest of the inputs as they are now; undefined when one is gone. */
function inputsDigest(files) {
  try {
    return digest(JSON.stringify(files.map((file) => [file, signatureOf(file)])));
  } catch {
    return undefined;
  }
}

/** The cached bundle's code, when it was built from exactly what is here now. */
function readCached(file, stamp) {
  let code;
  try {
    code = fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  const end = code.indexOf('\n');
  if (!code.startsWith(HEADER) || end < 0) return undefined;
  let header;
  try {
    header = JSON.parse(code.slice(HEADER.length, end));
  } catch {
    return undefined;
  }
  if (header.stamp !== stamp || !Array.isArray(header.inputs) || inputsDigest(header.inputs) !== header.digest) return undefined;
  return code;
}

/**
 * Bundles the script, the included folders' modules and everything they import; the bundle
 * exports, for each file in it, a function that evaluates that file's module. Returns the code,
 * the files it was built from and the digest of their signatures as they were read for it.
 */
async function build(esbuild, script, includes, outfile) {
  const root = path.dirname(script);
  const read = new Map();
  const options = {
    // outfile: where it is cached, so the source map's paths are relative to it.
    // Without comments or spaces: three quarters of the size to read, check and compile; and
    // ASCII (esbuild escapes the rest), read as Latin-1, a plain copy, where UTF-8 decodes slowly.
    minifyWhitespace: true, charset: 'ascii', legalComments: 'none',
    outfile, bundle: true, platform: 'node', format: 'cjs', target: `node${process.versions.node.split('.')[0]}`,
    // Kept beside the bundle, not in it: Node reads a bundle's map when it compiles it (13% of
    // `npm run synth`'s CPU time), this launcher only when a stack is printed (mapStacks).
    sourcemap: 'external', sourcesContent: false, write: false, logLevel: 'silent', plugins: [recordingLoader(read)],
    // The class-field semantics of TypeScript's ES2022 target, as the swc hook has, whatever a tsconfig.json says.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
  };
  const entry = (files) => ({ contents: files.map((file) => `exports[${JSON.stringify(file)}] = () => require(${JSON.stringify(file)});`).join('\n'), resolveDir: root, sourcefile: 'bundled-entry.js', loader: 'js' });
  const roots = [script, ...includes.flatMap((folder) => listing(folder).map((name) => path.join(folder, name)))];
  // Twice: the first build finds every file reached, the second exports each of them.
  await esbuild.build({ ...options, stdin: entry(roots) });
  const files = [...read.keys()].sort();
  const { outputFiles } = await esbuild.build({ ...options, stdin: entry(files.filter((file) => !file.endsWith('.json'))) });
  const output = (extension) => outputFiles.find((file) => file.path.endsWith(extension)).text;
  return { files, digest: digest(JSON.stringify(files.map((file) => [file, read.get(file)]))), code: output('.js'), map: output('.js.map') };
}

/**
 * Loads each file, keeping its signature from just before it is read (an edit while bundling
 * changes it again, so the next run rebuilds), with the module's own __dirname and __filename
 * rather than the bundle's (scripts/synth.ts finds apps/ by its __dirname, cdk8s a helper file by
 * its own).
 */
function recordingLoader(read) {
  return {
    name: 'recording-loader',
    setup(build) {
      const record = (file) => {
        read.set(file, signatureOf(file));
        const packageJson = isPackageFile(file) && packageJsonOf(file);
        if (packageJson && !read.has(packageJson) && fs.existsSync(packageJson)) read.set(packageJson, signatureOf(packageJson));
      };
      build.onLoad({ filter: /\.json$/ }, ({ path: file }) => {
        record(file);
        return undefined;
      });
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, ({ path: file }) => {
        record(file);
        const text = fs.readFileSync(file, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(text)) return { contents: text, loader: file.endsWith('.ts') ? 'ts' : 'js' };
        // On the first line (after a #! line), so the source map's lines stay right.
        const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
        const own = `const __dirname = ${JSON.stringify(path.dirname(file))}, __filename = ${JSON.stringify(file)}; `;
        return { contents: text.slice(0, at) + own + text.slice(at), loader: file.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * Written beside, flushed and renamed: a run killed meanwhile leaves the old bundle or none, never
 * half of one. What killed runs left beside it is removed first.
 */
function writeAtomically(file, text) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name.startsWith(`${path.basename(file)}.`) && name.endsWith('.partial')) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
    const partial = `${file}.${process.pid}.partial`;
    const fd = fs.openSync(partial, 'w');
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch {
    // A read-only or full disk only costs the next run the bundling.
  }
}

/** Puts each bundled module in Node's module cache under its file name, evaluated when first required. */
function seedModuleCache(bundle) {
  for (const [file, load] of Object.entries(bundle)) {
    const module = new Module(file, null);
    module.filename = file;
    module.paths = Module._nodeModulePaths(path.dirname(file));
    module.loaded = true;
    let exports;
    Object.defineProperty(module, 'exports', { get: () => (exports ??= load()), set: (value) => (exports = value) });
    Module._cache[file] = module;
  }
}

/** Modules outside the bundle are transpiled by the swc hook, loaded only if one is required. */
function lazySwcHook() {
  require.extensions['.ts'] = function compileTypeScript(module, filename) {
    require('./register');
    require.extensions['.ts'](module, filename);
  };
}

/** The bundle for the script, from the cache or built (and cached) now. */
async function bundleFor(script, includes, version) {
  const stamp = stampOf(script, includes, version);
  const file = path.join(CACHE, `${digest(JSON.stringify([script, includes])).slice(0, 32)}.js`);
  const cached = readCached(file, stamp);
  if (cached !== undefined) return { file, code: cached };
  const built = await build(require('esbuild'), script, includes, file);
  // The header is one line more: the map's lines start one lower.
  // ASCII throughout (as readCached reads it): the header's file names escaped as the code's are.
  const header = JSON.stringify({ stamp, digest: built.digest, inputs: built.files }).replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const code = `${HEADER}${header}\n${built.code}`;
  if (/[^\x00-\x7f]/.test(code)) return { file, code }; // not ASCII after all: not cached rather than misread
  writeAtomically(`${file}.map`, built.map.replace('"mappings": "', '"mappings": ";'));
  writeAtomically(file, code);
  return { file, code };
}

/**
 * Stack traces name the TypeScript files and lines: the bundle's frames by its map, read the first
 * time a stack is formatted, the others by the maps Node keeps (the swc hook's inline ones).
 */
function mapStacks(bundleFile) {
  let bundleMap;
  const mapOf = (file) => {
    if (file !== bundleFile) return Module.findSourceMap(file);
    try {
      bundleMap ??= new Module.SourceMap(JSON.parse(fs.readFileSync(`${bundleFile}.map`, 'utf8')));
    } catch {
      bundleMap = null; // no map: the bundle's own lines are named
    }
    return bundleMap ?? undefined;
  };
  const frame = (site) => {
    const file = site.getFileName();
    const entry = file && site.getLineNumber() !== null ? mapOf(file)?.findEntry(site.getLineNumber() - 1, site.getColumnNumber() - 1) : undefined;
    if (!entry?.originalSource) return `    at ${site}`;
    const source = entry.originalSource.startsWith('file://') ? url.fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
    const where = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    const name = site.getFunctionName() ?? entry.name;
    return name ? `    at ${name} (${where})` : `    at ${where}`;
  };
  Error.prepareStackTrace = (error, sites) => [Error.prototype.toString.call(error), ...sites.map(frame)].join('\n');
}

/**
 * Evaluates the bundle, with V8's code cache for it: compiled functions kept from the run that
 * made the cache, so they are not parsed and compiled again. V8 checks a cache against the
 * source's length only, so it is named by the bundle's first line (what it was built from).
 */
function evaluate(file, code) {
  const cacheFile = `${file}.${digest(code.slice(0, code.indexOf('\n'))).slice(0, 32)}.v8`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const compiled = new vm.Script(Module.wrap(code), { filename: file, cachedData });
  const module = { exports: {} };
  compiled.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (cachedData === undefined || compiled.cachedDataRejected) {
    // At exit: the functions the run compiled are in the cache too.
    process.once('exit', () => {
      for (const name of fs.readdirSync(path.dirname(file))) {
        if (name.startsWith(`${path.basename(file)}.`) && name.endsWith('.v8')) fs.rmSync(path.join(path.dirname(file), name), { force: true });
      }
      writeAtomically(cacheFile, compiled.createCachedData());
    });
  }
  return module.exports;
}

async function main() {
  const { includes, script, args } = parseArguments(process.argv.slice(2));
  process.argv = [process.argv[0], script, ...args];
  lazySwcHook();
  const version = esbuildVersion();
  if (version !== undefined) {
    const { file, code } = await bundleFor(script, includes, version);
    seedModuleCache(evaluate(file, code));
    mapStacks(file);
  }
  // From here on: the modules the swc hook transpiles keep their maps.
  process.setSourceMapsEnabled(true);
  require(script);
  exitWithoutTeardown();
}

/**
 * A process whose event loop runs dry tears its environment and heap down before it ends (from
 * the 'exit' event to the end: 20-33 ms for `npm run synth`'s, 19 ms for `node -e 0`'s);
 * process.exit() ends it without that, 5-10 ms sooner. By then the loop is dry: nothing is left
 * to write. Done from the last 'exit' listener only, so every other one has run; one added later
 * (by the script, asynchronously) makes this a no-op, and the process ends as it would have.
 */
function exitWithoutTeardown() {
  process.on('exit', function endNow(code) {
    if (process.listeners('exit').at(-1) === endNow) process.exit(code);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
