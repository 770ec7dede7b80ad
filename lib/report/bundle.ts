import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The page's deferred parts (lib/report/page/parts.ts), each in an element `netpol-part-<name>`. */
export const PART_NAMES = ['evaluator', 'graph'] as const;

/** The page's scripts: the views (run at load) and the deferred parts (run when first needed; lib/report/page/parts.ts). */
export type PageScripts = Record<'main' | (typeof PART_NAMES)[number], string>;

/** The page's scripts, as the package ships them (built at `npm run build`, beside this file's compiled form). */
const SHIPPED = path.join(__dirname, 'page.json');
/** Each script's entry point in the repository's sources. */
const ENTRIES: Record<keyof PageScripts, string> = {
  main: path.join(__dirname, 'page', 'main.ts'),
  evaluator: path.join(__dirname, 'page', 'evaluator.ts'),
  graph: path.join(__dirname, 'page', 'graph.ts'),
};
const LIB = path.join(__dirname, '..');
/** Where the repository keeps bundles built at first use, by the hash of what goes into them. */
const CACHE = path.join(LIB, '..', 'build', 'report-page');

/**
 * The page's scripts: the page code, our evaluator and cytoscape, each a minified IIFE. The
 * package ships them prebuilt; in the repository they are bundled with esbuild (a devDependency)
 * at first use and cached until a source under lib/ or the bundled libraries' versions change.
 */
export function pageScripts(): PageScripts {
  if (fs.existsSync(SHIPPED)) return JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as PageScripts;
  const cached = path.join(CACHE, `${sourceHash()}.json`);
  if (fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, 'utf8')) as PageScripts;
  const scripts = bundlePage();
  fs.mkdirSync(CACHE, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(scripts));
  fs.renameSync(temporary, cached);
  return scripts;
}

/** Bundles the page's scripts with esbuild, without network: everything comes from lib/ and node_modules. */
export function bundlePage(): PageScripts {
  // Required here, not at the top: the published package never loads esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const bundle = (entry: string) =>
    esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      write: false,
      legalComments: 'eof',
      logLevel: 'silent',
    }).outputFiles[0].text;
  return { main: bundle(ENTRIES.main), evaluator: bundle(ENTRIES.evaluator), graph: bundle(ENTRIES.graph) };
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
