// Runs TypeScript files with swc: types are stripped, not checked (`tsc --noEmit` checks them).
// ts-node in swc mode does the same transform, but loads the TypeScript compiler first, which is
// 40% of `npm run synth` (bench/, P1).
const fs = require('fs');
const { transformSync } = require('@swc/core');

const OPTIONS = { sourceMaps: 'inline', jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...OPTIONS, filename }).code, filename);
};
