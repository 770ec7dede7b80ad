// Runs TypeScript files with swc: types are stripped, not checked (`tsc --noEmit` checks them).
// ts-node in swc mode does the same transform, but loads the TypeScript compiler first, which is
// 40% of `npm run synth` (bench/, P1). The JavaScript is cached by a hash of everything that
// shapes it (swc's version, the options, the file's path and its text), so an unchanged file is
// read back instead of transpiled, and swc is not even loaded when every file is in the cache.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const OPTIONS = { sourceMaps: 'inline', jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
/** Where transpiled files are kept: $NETPOL_SWC_CACHE, or the repository's node_modules/.cache. */
const CACHE = process.env.NETPOL_SWC_CACHE || path.join(__dirname, '..', 'node_modules', '.cache', 'netpol-swc');
const SALT = `${require('@swc/core/package.json').version}\0${JSON.stringify(OPTIONS)}\0`;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(SALT).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const { code } = require('@swc/core').transformSync(source, { ...OPTIONS, filename });
    // Written beside and renamed: a process reading the cache meanwhile sees the whole file or none.
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      const partial = `${cached}.${process.pid}`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, cached);
    } catch {
      // A read-only or full disk only costs the next run the transpiling.
    }
    return code;
  }
}

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
