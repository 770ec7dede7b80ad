// netpol import: the generated TypeScript type-checks, synthesizes to the same meaning, and to
// byte-identical YAML when the input was written by cdk8s-netpol; what cannot move exactly fails.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../../lib';
import { compareMeaning } from '../../lib/adopt/equivalence';
import { importPolicies, ImportOptions } from '../../lib/adopt/import';
import { readPolicyFiles } from '../../lib/adopt/policy-files';
import { DialectName, NetpolAppDefinition, synthesize } from '../../lib';
import { runNetpol as run } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'fixtures');
const DIST_APPS = (['kubernetes', 'calico', 'cilium', 'kubernetes-cnp', 'kubernetes-anp'] as const).flatMap((dialect) =>
  fs.readdirSync(path.join(ROOT, 'dist', dialect)).map((app) => ({ dialect, app, folder: path.join(ROOT, 'dist', dialect, app) })),
);

// Runs a generated module (its APPS) with the library, as `npm run synth -- FILE.ts` would.
function appsOf(source: string): readonly NetpolAppDefinition[] {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exports: { APPS?: readonly NetpolAppDefinition[] } = {};
  new Function('require', 'exports', outputText)((name: string) => (name === 'cdk8s-netpol' ? library : require(name)), exports);
  return exports.APPS ?? [];
}

function synthesized(source: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-'));
  synthesize(appsOf(source), { outdir: path.join(outdir, 'dist') });
  return path.join(outdir, 'dist');
}

const importOf = (paths: string[], options: ImportOptions = {}) => importPolicies(readPolicyFiles(paths, ROOT), options);

describe('netpol import of every example app in every dialect', () => {
  it.each(DIST_APPS)('$dialect/$app synthesizes back to byte-identical YAML', ({ dialect, app, folder }) => {
    // Namespaced policies alone read as plain Kubernetes: a cluster-policy dialect is named, as a user would.
    const source = importOf([folder], { chartPer: 'file', appName: app, ...(dialect.startsWith('kubernetes-') && { dialect }) });
    const out = path.join(synthesized(source), dialect, app);
    for (const file of fs.readdirSync(folder)) {
      expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(fs.readFileSync(path.join(folder, file), 'utf8'));
    }
    expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(folder).sort());
  });

  it('uses the patterns where a policy has their exact shape, and keeps names and descriptions', () => {
    const source = importOf([path.join(ROOT, 'dist/kubernetes/shop')]);
    expect(source).toContain("new DefaultDeny(productionChart, 'DefaultDeny');");
    expect(source).toContain("new AllowDns(productionChart, 'AllowDns');");
    expect(source).toContain("description: 'api calls the payment service'");
    expect(source).not.toMatch(/as any|JSON\.parse/);
  });
});

describe('netpol import of hand-written policies in the shapes real repositories use', () => {
  it.each(['kubernetes-repo.yaml', 'cilium-repo.yaml'])('%s synthesizes to policies that mean the same on a cover cluster', (name) => {
    const read = readPolicyFiles([path.join(FIXTURES, name)], ROOT);
    const out = synthesized(importPolicies(read));
    const back = readPolicyFiles([path.join(out, read.engine)], ROOT);
    const input = read.files.flatMap((file) => file.intents);
    const comparisons = compareMeaning(input, back.files.flatMap((file) => file.intents));
    expect(comparisons[0].workloads).toBeGreaterThan(5);
    expect(comparisons.flatMap((comparison) => comparison.changes)).toEqual([]);
  });

  it('type-checks, as an APPS module and as a cdk8s app', () => {
    const folder = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.adopt-typecheck-'));
    const library = path.relative(folder, path.join(ROOT, 'lib'));
    const inputs: { paths: string[]; options: ImportOptions }[] = [
      ...DIST_APPS.map(({ folder: dist }) => ({ paths: [dist], options: {} })),
      { paths: [path.join(FIXTURES, 'kubernetes-repo.yaml')], options: {} },
      { paths: [path.join(FIXTURES, 'cilium-repo.yaml')], options: {} },
      { paths: [path.join(ROOT, 'dist/calico/guardrails')], options: { cdk8sApp: true } },
    ];
    const files = inputs.map(({ paths, options }, index) => {
      const file = path.join(folder, `imported${index}.ts`);
      fs.writeFileSync(file, importOf(paths, { ...options, library }));
      return file;
    });
    const program = ts.createProgram(files, { strict: true, noUnusedLocals: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true, noEmit: true, esModuleInterop: true });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    fs.rmSync(folder, { recursive: true, force: true });
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('netpol import refuses what it cannot carry over exactly', () => {
  it('exits 3 naming the file, document, policy and field the reader does not analyse', async () => {
    const { code, out, err } = await run(['import', 'test/adopt/fixtures/calico-not-analysed.yaml']);
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err).toContain('test/adopt/fixtures/calico-not-analysed.yaml document 0: NetworkPolicy web/host-forward: spec.applyOnForward, a field NetworkPolicy (projectcalico.org/v3) does not have');
  });

  it('exits 3 when the target dialect cannot express a policy', async () => {
    const { code, err } = await run(['import', 'dist/calico/guardrails', '--dialect', 'kubernetes']);
    expect(code).toBe(3);
    expect(err).toContain('tiers cannot be expressed exactly in the kubernetes dialect');
  });

  it('says on stderr what the reader ignored as the engine does (fromRequires), which the module does not carry', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-'));
    fs.writeFileSync(path.join(folder, 'requires.yaml'), `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress: [{fromEndpoints: [{matchLabels: {app: api}}], fromRequires: [{matchLabels: {env: prod}}]}]
`);
    const { code, out, err } = await run(['import', folder]);
    expect(code).toBe(0);
    expect(out).not.toContain('env');
    expect(err).toBe('notice: CiliumNetworkPolicy shop/web: fromRequires ignored: Cilium 1.19 and later no longer enforce it (an older Cilium enforces it, and may allow less) (not carried over)\n');
  });

  it('writes the module to --out, named after it in APPS', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-')), 'shop-policies.ts');
    const { code } = await run(['import', 'dist/cilium/shop', '--out', out, '--dialect', 'cilium' satisfies DialectName]);
    expect(code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain("name: 'shop-policies',");
  });
});

describe('netpol import of a Cilium policy with deny and allow rules', () => {
  it('fails (exit 3) rather than write two policies of one name', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-'));
    fs.writeFileSync(path.join(folder, 'mixed.yaml'), `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: mixed, namespace: web}
spec:
  endpointSelector: {}
  egressDeny: [{toCIDR: [169.254.169.254/32]}]
  egress: [{toEntities: [world]}]
`);
    expect(() => importOf([folder])).toThrow(/CiliumNetworkPolicy web\/mixed: is read as several policies of one name/);
  });
});
