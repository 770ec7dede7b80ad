import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The page's script, as the package ships it (built at `npm run build`, beside this file's compiled form). */
const SHIPPED = path.join(__dirname, 'page.js');
/** The page's entry point in the repository's sources. */
const ENTRY = path.join(__dirname, 'page', 'main.ts');
const LIB = path.join(__dirname, '..');
/** Where the repository keeps bundles built at first use, by the hash of what goes into them. */
const CACHE = path.join(LIB, '..', 'build', 'report-page');

/**
 * The page's script: the page code, our evaluator and cytoscape in one minified IIFE. The package
 * ships it prebuilt; in the repository it is bundled with esbuild (a devDependency) at first use
 * and cached until a source under lib/ or the bundled libraries' versions change.
 */
export function pageScript(): string {
  if (fs.existsSync(SHIPPED)) return fs.readFileSync(SHIPPED, 'utf8');
  const cached = path.join(CACHE, `${sourceHash()}.js`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8');
  const script = bundlePage();
  fs.mkdirSync(CACHE, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, script);
  fs.renameSync(temporary, cached);
  return script;
}

/** Bundles the page with esbuild, without network: everything comes from lib/ and node_modules. */
export function bundlePage(): string {
  // Required here, not at the top: the published package never loads esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) hash.update(child).update(fs.readFileSync(child));
    }
  };
  walk(LIB);
  const lock = path.join(LIB, '..', 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}
