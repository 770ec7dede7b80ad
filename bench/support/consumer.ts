// The consumer path of P1: the shop app as a user's cdk8s project holds it (as examples/consumer
// does, but with the baseline's app: examples/consumer's charts are not the shop's), importing
// `cdk8s-netpol` (this repository's build/, linked into its node_modules) rather than lib/'s
// TypeScript, with the cdk8s-plus baseline's tsconfig, and synthesized by `app.synth()` as the
// baseline's main.ts is: ts-node and tsc see the same kind of project on both sides, one main.ts
// and one app file over compiled libraries, and cdk8s writes both sides' YAML.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, WORK } from '../options';

export const BASELINE = path.join(ROOT, 'bench', 'baselines', 'cdk8s-plus');
/** The baseline's ts-node (10.9, with its typescript 5.9), run for both sides. */
export const TS_NODE = path.join(BASELINE, 'node_modules', '.bin', 'ts-node');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

/** Builds lib/ into build/, writes the consumer project, and compiles it and the baseline to JavaScript (into their build/); returns the consumer's folder. */
export function prepareConsumer(): string {
  const folder = path.join(WORK, 'consumer');
  execFileSync(TSC, ['-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(folder, 'node_modules', 'cdk8s-netpol'));
  fs.copyFileSync(path.join(BASELINE, 'tsconfig.json'), path.join(folder, 'tsconfig.json'));
  const shop = fs.readFileSync(path.join(ROOT, 'apps', 'shop.ts'), 'utf8');
  if (!shop.includes("from '../lib'")) throw new Error("apps/shop.ts no longer imports '../lib': update bench/support/consumer.ts");
  fs.writeFileSync(path.join(folder, 'shop.ts'), shop.replace("from '../lib'", "from 'cdk8s-netpol'"));
  fs.writeFileSync(
    path.join(folder, 'main.ts'),
    [
      "import { App } from 'cdk8s';",
      "import { DIALECT_CONTEXT_KEY } from 'cdk8s-netpol';",
      "import { shop } from './shop';",
      '',
      "const app = new App({ outdir: 'dist', outputFileExtension: '.yaml' });",
      "app.node.setContext(DIALECT_CONTEXT_KEY, 'kubernetes');",
      'shop.build(app);',
      'app.synth();',
      '',
    ].join('\n'),
  );
  for (const project of [folder, BASELINE]) execFileSync(TSC, ['-p', 'tsconfig.json', '--outDir', 'build'], { cwd: project, stdio: 'inherit' });
  return folder;
}
