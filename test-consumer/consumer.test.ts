// The consumer path, as a user outside this repository takes it (README, "Use it in your cdk8s
// project"): pack this package and examples/house-patterns, install both into a copy of
// examples/consumer (a cdk8s-init-style app), type-check it with skipLibCheck off, run it with
// ts-node (type-checking, then swc transpile-only) and with `cdk8s synth`, and check what the YAML means.
// It needs the npm registry, so it is not part of `npm test`: `npm run test:consumer` (.ci/run runs it).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netpolMatchers } from '../lib/testing';

expect.extend(netpolMatchers);

const ROOT = path.resolve(__dirname, '..');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-consumer-'));
const HOUSE = path.join(WORK, 'examples', 'house-patterns');
const CONSUMER = path.join(WORK, 'examples', 'consumer');

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The copy mirrors the repository's layout, so the examples' `file:` dependencies point at the tarballs.
function copyExample(name: string): void {
  fs.cpSync(path.join(ROOT, 'examples', name), path.join(WORK, 'examples', name), {
    recursive: true,
    filter: (source) => !/(node_modules|build|dist|\.tgz)$/.test(source),
  });
}

const outputs = () => Object.fromEntries(fs.readdirSync(path.join(CONSUMER, 'dist')).sort().map((file) => [file, fs.readFileSync(path.join(CONSUMER, 'dist', file), 'utf8')]));

beforeAll(() => {
  run('npm', ['pack', '--silent', '--pack-destination', WORK], ROOT);
  copyExample('house-patterns');
  run('npm', ['install', '--no-audit', '--no-fund'], HOUSE);
  run('npm', ['run', 'build'], HOUSE);
  run('npm', ['test'], HOUSE);
  run('npm', ['pack', '--silent'], HOUSE);
  copyExample('consumer');
  run('npm', ['install', '--no-audit', '--no-fund'], CONSUMER);
}, 600_000);
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

let firstOutput: Record<string, string> | undefined;

describe('a cdk8s app that uses cdk8s-netpol and a house-patterns package from their tarballs', () => {
  it('ships no source maps and no zod in its public types', () => {
    const installed = path.join(CONSUMER, 'node_modules', 'cdk8s-netpol', 'build');
    const files = fs.readdirSync(installed, { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const publicTypes = ['index.d.ts', 'analysis/index.d.ts', 'testing/index.d.ts'].map((file) => path.join(installed, file));
    for (const file of publicTypes) expect(fs.existsSync(file)).toBe(true);
  });

  it('type-checks under the cdk8s template tsconfig, skipLibCheck off', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(CONSUMER, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined();
    expect(tsconfig.compilerOptions.esModuleInterop).toBeUndefined();
    run('npx', ['tsc', '--noEmit'], CONSUMER);
  }, 120_000);

  it.each([
    ['ts-node, type-checking', ['ts-node', 'main.ts']],
    ['ts-node, swc transpile-only', ['ts-node', '--swc', 'main.ts']],
    ['cdk8s synth', ['cdk8s', 'synth']],
  ])('writes the same YAML with %s', (_, args) => {
    fs.rmSync(path.join(CONSUMER, 'dist'), { recursive: true, force: true });
    run('npx', args, CONSUMER);
    expect(Object.keys(outputs())).toEqual(['cards.k8s.yaml', 'shop.k8s.yaml', 'team.k8s.yaml']);
    firstOutput ??= outputs();
    expect(outputs()).toEqual(firstOutput);
  }, 120_000);

  it('means what main.ts says: the shop tiers, the payments zone, the team namespace', () => {
    const yaml = Object.values(outputs()).join('---\n');
    const policies = { policies: yaml, cni: 'kubernetes' as const };
    expect(policies).toAllow({ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' });
    expect(policies).toAllow({ from: 'shop/api', to: 'payments/payment-service', port: 'TCP/8080' });
    expect(policies).toDeny({ from: 'shop/web', to: 'payments/payment-service' });
    expect(policies).toDeny({ from: 'payments/payment-service', to: 'shop/api' });
    expect(policies).toDeny({ from: 'shop/web', to: 'shop/postgres' });
  });
});
