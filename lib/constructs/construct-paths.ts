// cdk8s records construct paths only for ApiObjects (construct-metadata.json, keyed by resource
// name); our policies are plain data a PolicyChart renders. So, when cdk8s is asked to record
// construct metadata, each PolicyChart writes its policies' paths in a file of its own beside the
// manifests, and the cdk8s validation plugin reads them back. The YAML itself is never changed.
import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from '../dialects/manifest';
import { policySource } from '../dialects/read-result';
import { PolicyIntent } from '../model/intent';

/** The suffix of the files PolicyCharts write: `<chart id>.netpol-paths.json`. */
export const CONSTRUCT_PATHS_SUFFIX = '.netpol-paths.json';

/** The content of one such file. */
export interface ConstructPathsFile {
  /** The format's version. */
  readonly version: 1;
  /** Construct path by policy, as `Kind namespace/name` (policySource) names it. */
  readonly policies: Readonly<Record<string, string>>;
}

/** The construct path of each rendered manifest that one of the intents made. */
export function constructPaths(intents: readonly PolicyIntent[], manifests: readonly Manifest[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const manifest of manifests) {
    const intent = intents.find((candidate) => candidate.name === manifest.metadata.name && (candidate.scope === 'cluster' ? manifest.metadata.namespace === undefined : candidate.scope.namespace === manifest.metadata.namespace));
    if (intent?.path) paths[policySource(manifest)] = intent.path;
  }
  return paths;
}

/** Writes a chart's file into the app's output directory (created if missing). */
export function writeConstructPaths(outdir: string, chartPath: string, policies: Record<string, string>): void {
  const file: ConstructPathsFile = { version: 1, policies };
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, `${chartPath.replace(/[^0-9a-zA-Z-_.]/g, '_')}${CONSTRUCT_PATHS_SUFFIX}`), `${JSON.stringify(file, null, 2)}\n`);
}

/** Every construct path the files in these directories record, by policySource. */
export function readConstructPaths(directories: readonly string[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const directory of [...new Set(directories)]) {
    if (!fs.existsSync(directory)) continue;
    for (const name of fs.readdirSync(directory).filter((entry) => entry.endsWith(CONSTRUCT_PATHS_SUFFIX)).sort()) {
      const file = JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as ConstructPathsFile;
      for (const [policy, constructPath] of Object.entries(file.policies ?? {})) paths.set(policy, constructPath);
    }
  }
  return paths;
}
