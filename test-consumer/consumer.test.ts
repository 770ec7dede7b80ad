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
  try {
    return execFileSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error: any) {
    // A failed command says what it printed (the status and output stay on the error).
    error.message += `\n${error.stdout ?? ''}${error.stderr ?? ''}`;
    throw error;
  }
}

// The copy mirrors the repository's layout, so the examples' `file:` dependencies point at the tarballs.
function copyExample(name: string): void {
  fs.cpSync(path.join(ROOT, 'examples', name), path.join(WORK, 'examples', name), {
    recursive: true,
    filter: (source) => !/(node_modules|build|dist|\.tgz)$/.test(source),
  });
}

// The manifests (cdk8s synth with validations also writes construct-metadata.json and our *.netpol-paths.json beside them).
const outputs = () => Object.fromEntries(fs.readdirSync(path.join(CONSUMER, 'dist')).filter((file) => file.endsWith('.k8s.yaml')).sort().map((file) => [file, fs.readFileSync(path.join(CONSUMER, 'dist', file), 'utf8')]));

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
    const publicTypes = ['index.d.ts', 'analysis/index.d.ts', 'testing/index.d.ts', 'cdk8s-plugin/index.d.ts'].map((file) => path.join(installed, file));
    for (const file of publicTypes) expect(fs.existsSync(file)).toBe(true);
  });

  // The app pins other cdk8s and constructs versions than ours: they are peers, so one copy of
  // each is installed (a second copy would make the app's constructs foreign to our charts).
  it("shares the app's cdk8s and constructs", () => {
    const nested = path.join(CONSUMER, 'node_modules', 'cdk8s-netpol', 'node_modules');
    for (const name of ['cdk8s', 'constructs']) expect(fs.existsSync(path.join(nested, name)), name).toBe(false);
    const version = (name: string) => JSON.parse(fs.readFileSync(path.join(CONSUMER, 'node_modules', name, 'package.json'), 'utf8')).version;
    const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
    expect([version('cdk8s'), version('constructs')]).not.toEqual([ours.cdk8s, ours.constructs]);
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

// The cdk8s.yaml of examples/consumer lists the validation plugin: `cdk8s synth` above ran it on the
// good app (a failing plugin fails the synth). Here, deliberately bad variants of main.ts.
describe('the cdk8s validation plugin, run by cdk8s synth', () => {
  function synthVariant(name: string, imports: string, additions: string): { status: number; output: string } {
    const main = fs.readFileSync(path.join(CONSUMER, 'main.ts'), 'utf8');
    fs.writeFileSync(path.join(CONSUMER, `${name}.ts`), `${imports}\n${main.replace('app.synth();', `${additions}\napp.synth();`)}`);
    try {
      return { status: 0, output: run('npx', ['cdk8s', 'synth', '--app', `npx ts-node --swc ${name}.ts`, '--output', `dist-${name}`], CONSUMER) };
    } catch (error: any) {
      return { status: error.status, output: `${error.stdout}${error.stderr}` };
    }
  }

  it('wrote our policies construct paths beside the manifests on the good app', () => {
    const files = fs.readdirSync(path.join(CONSUMER, 'dist')).filter((file) => file.endsWith('.netpol-paths.json'));
    expect(files).toHaveLength(3);
    const shop = JSON.parse(fs.readFileSync(path.join(CONSUMER, 'dist', files.find((file) => file.startsWith('shop')) as string), 'utf8'));
    expect(Object.values(shop.policies)).toContain('shop/ApiToPayments');
  });

  it('fails on a schema-invalid ApiObject and on a lint error, naming resources, construct paths and fixes', () => {
    const { status, output } = synthVariant(
      'bad-objects',
      "import { ApiObject } from 'cdk8s';",
      [
        "new ApiObject(shop, 'Typo', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'typo' }, spec: { podSelecter: {} } } as any);",
        "new ApiObject(shop, 'Nothing', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'nothing' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }] } });",
      ].join('\n'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('netpol/schema');
    expect(output).toContain('podSelecter');
    expect(output).toContain('netpol/except-equals-cidr');
    // cdk8s names an ApiObject's construct path from construct-metadata.json.
    expect(output).toContain('Construct Path: shop/Typo');
    expect(output).toContain('Construct Path: shop/Nothing');
  });

  it('fails on a failed mustDeny, naming the construct paths of the policies that allow it', () => {
    const { status, output } = synthVariant(
      'bad-reach',
      '',
      [
        "new Policy(shop, 'LeakOut', { select: { app: 'web' } }).allowTo(Peer.pods({ app: 'postgres' }), { ports: [Port.tcp(5432)] });",
        "new Policy(shop, 'LeakIn', { select: { app: 'postgres' } }).allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(5432)] });",
      ].join('\n'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('netpol/must-deny');
    expect(output).toContain('mustDeny[0]');
    expect(output).toContain('construct path: shop/LeakOut');
    expect(output).toContain('construct path: shop/LeakIn');
    expect(output).not.toContain('netpol/must-allow');
  });
});
