import * as path from 'path';
import { analyse, Analysed } from '../analysis/analyse';
import { SourcedManifest } from '../analysis/manifests';
import { DialectName } from '../dialects/capabilities';
import { ReportData, ReportVersion } from './data';
import { reportFindings } from './findings';
import { reportHtml } from './html';
import { ReportModel } from './model';
import { reportSnapshot } from './snapshot';

/** A report built: its HTML, and the versions evaluated as the page evaluates them (for the CLI's summary and exit code). */
export interface BuiltReport {
  /** The self-contained page. */
  readonly html: string;
  /** The versions evaluated. */
  readonly analysed: readonly Analysed[];
  /** What the page shows, as computed here. */
  readonly model: ReportModel;
}

/** Builds the report of one version, or of an old and a new one; manifest sources are made relative to `cwd`. */
export function buildReport(versions: readonly { label: string; manifests: readonly SourcedManifest[] }[], cwd: string, engine?: DialectName, link?: string): BuiltReport {
  const relative: ReportVersion[] = versions.map(({ label, manifests }) => ({
    label,
    manifests: manifests.map(({ manifest, source }) => ({ manifest, source: path.isAbsolute(source) ? path.relative(cwd, source) : source })),
  }));
  const analysed = relative.map((version) => analyse(version.manifests, engine));
  const latest = relative[relative.length - 1];
  const findings = reportFindings(latest.manifests, analysed[analysed.length - 1], engine);
  const title = versions.length === 2 ? `Network policy changes: ${versions[0].label} → ${versions[1].label}` : `Network policy: ${versions[0].label}`;
  const model = new ReportModel(analysed);
  const data: ReportData = { title, versions: relative, ...(engine && { engine }), snapshot: reportSnapshot(model), findings, ...(link && { link }) };
  return { html: reportHtml(data), analysed, model };
}
