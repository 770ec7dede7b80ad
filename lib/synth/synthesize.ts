import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DIALECTS } from '../dialects';
import { DialectName } from '../dialects/capabilities';
import { DIALECT_CONTEXT_KEY } from '../constructs/policy-chart';
import { NetpolError } from '../model/errors';
import { writeOutputAtomically } from './output';
import { stringifyManifests } from './yaml';

/** One app to synthesize: its name and how to build its charts. */
export interface NetpolAppDefinition {
  /** The app's name: its folder under each dialect's folder. */
  readonly name: string;
  /** The dialects to write it in. @default every dialect */
  readonly dialects?: readonly DialectName[];
  /** Builds the app's PolicyCharts; the app's dialect context is already set. */
  readonly build: (app: App) => void;
}

export interface SynthesizeOptions {
  /** The output folder: replaced whole on success, untouched on failure. @default 'dist' */
  readonly outdir?: string;
  /**
   * Replace only the `<dialect>/<app>/` folders this synthesis writes and keep everything else in
   * `outdir` (for synthesizing some of the apps or dialects); still all or nothing.
   * @default false: `outdir` is replaced whole, stale files included
   */
  readonly partial?: boolean;
}

/**
 * Synthesizes every app in every dialect to `<outdir>/<dialect>/<app>/<chart>.yaml`, atomically:
 * everything is written to a fresh folder beside `outdir`, which replaces `outdir` only when all
 * apps succeeded, so a GitOps engine never sees a partial output or a stale file; what a killed
 * synth left is repaired first (lib/synth/output.ts). Returns the files written (with `partial`,
 * not the ones kept).
 */
export function synthesize(apps: readonly NetpolAppDefinition[], options: SynthesizeOptions = {}): string[] {
  const outdir = path.resolve(options.outdir ?? 'dist');
  const folders = apps.flatMap((definition) =>
    (definition.dialects ?? (Object.keys(DIALECTS) as DialectName[])).map((dialect) => ({ definition, dialect, folder: path.join(dialect, definition.name) })));
  let files: string[] = [];
  writeOutputAtomically(outdir, (staging) => {
    for (const { definition, dialect, folder } of folders) synthesizeApp(definition, dialect, path.join(staging, folder));
    files = folders.flatMap(({ folder }) => listFiles(path.join(staging, folder))).map((file) => path.join(outdir, path.relative(staging, file))).sort();
    // Copied in after writing, so an app that fails costs no copying; the swap stays one rename.
    if (options.partial && fs.existsSync(outdir)) keepOthers(outdir, staging, new Set(folders.map(({ folder }) => folder)));
  });
  return files;
}

/** Copies into `staging` what `outdir` holds outside the `<dialect>/<app>` folders being replaced. */
function keepOthers(outdir: string, staging: string, replaced: ReadonlySet<string>): void {
  if (!holdsOthers(outdir, replaced)) return;
  fs.cpSync(outdir, staging, { recursive: true, force: false, errorOnExist: false, verbatimSymlinks: true, filter: (source) => !replaced.has(path.relative(outdir, source)) });
}

// Whether `outdir` holds anything besides the folders being replaced and the dialect folders
// around them. Looked at first because loading Node's copying code and walking the folder cost
// 7 ms of a one-app synth's 160 (bench/ P1) when there is nothing to keep.
function holdsOthers(outdir: string, replaced: ReadonlySet<string>): boolean {
  const dialects = new Set([...replaced].map((folder) => path.dirname(folder)));
  return fs.readdirSync(outdir, { withFileTypes: true }).some((entry) =>
    !entry.isDirectory() || !dialects.has(entry.name) || fs.readdirSync(path.join(outdir, entry.name)).some((name) => !replaced.has(path.join(entry.name, name))));
}

// Like cdk8s' App.synth, with one YAML file per chart named as cdk8s names it, but written with
// our YAML writer and validating once (App.synth validates every construct twice).
function synthesizeApp(definition: NetpolAppDefinition, dialect: DialectName, outdir: string): void {
  const app = new App({ outdir });
  app.node.setContext(DIALECT_CONTEXT_KEY, dialect);
  const failed = (error: unknown, detail: string) => new Error(`app ${definition.name}, dialect ${dialect}:\n${detail}`, { cause: error });
  try {
    definition.build(app);
  } catch (error) {
    // Thrown while the user's code ran: its stack says where (file and line); our input errors name the construct path instead.
    const userError = error instanceof Error && !(error instanceof NetpolError);
    throw failed(error, userError ? (error.stack ?? error.message) : messageOf(error));
  }
  try {
    const constructs = app.node.findAll();
    validate(constructs);
    fs.mkdirSync(outdir, { recursive: true });
    // Not app.charts: it sorts every construct by dependency (0.8 s of 7 at 50,000 policies,
    // bench/ P2), and each chart is its own file, so their order changes nothing.
    for (const chart of constructs.filter((construct): construct is Chart => construct instanceof Chart)) {
      fs.writeFileSync(path.join(outdir, `${Names.toDnsLabel(chart)}.yaml`), stringifyManifests(chart.toJson()));
    }
  } catch (error) {
    throw failed(error, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs every construct's validations, failing with all errors as cdk8s does. */
function validate(constructs: readonly IConstruct[]): void {
  const errors = constructs.flatMap((child) => child.node.validate().map((error) => `[${child.node.path}] ${error}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(folder, entry.name)) : [path.join(folder, entry.name)]))
    .sort();
}
