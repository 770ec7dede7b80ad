#!/usr/bin/env node
// The `netpol` command. From the published package it runs the compiled build/cli; in the
// repository (where lib/ sits beside bin/) it runs the TypeScript sources through ts-node, so
// it never needs a build and never runs a stale one.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
let cli;
if (fs.existsSync(path.join(root, 'lib', 'cli', 'main.ts'))) {
  require('ts-node').register({ project: path.join(root, 'tsconfig.json'), transpileOnly: true });
  cli = require(path.join(root, 'lib', 'cli', 'main.ts'));
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
