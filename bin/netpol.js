#!/usr/bin/env node
// The `netpol` command. From the published package it runs the compiled build/cli; in the
// repository (where lib/ sits beside bin/) it runs the TypeScript sources through the swc
// require hook that `npm run synth` uses, so it needs no build and never runs a stale one.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'lib', 'cli', 'main.ts');
let cli;
if (fs.existsSync(source)) {
  require(path.join(root, 'scripts', 'register.js'));
  cli = require(source);
} else {
  cli = require(path.join(root, 'build', 'cli', 'main.js'));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
