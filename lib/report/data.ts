import { SourcedManifest } from '../analysis/manifests';
import { DialectName } from '../dialects/capabilities';
import { ReportSnapshot } from './snapshot';

/** A lint finding as the page lists it (the lint API's Finding, reduced to what the page shows). */
export interface ReportFinding {
  /** The check's id. */
  readonly id: string;
  /** error, warning or info. */
  readonly severity: string;
  /** What was found. */
  readonly message: string;
  /** The policy, `Kind namespace/name`, when the finding is about one. */
  readonly policy?: string;
  /** How to fix it. */
  readonly fix?: string;
}

/** One version of the inputs: its manifests, as read. */
export interface ReportVersion {
  /** What the version is called on the page (the path or REV:PATH given). */
  readonly label: string;
  /** Its manifests, with where each was read (relative paths). */
  readonly manifests: readonly SourcedManifest[];
}

/** Everything the page is built from; it evaluates the manifests itself with the bundled evaluator. */
export interface ReportData {
  /** The page's title. */
  readonly title: string;
  /** The engine whose semantics apply. @default inferred from the policy kinds */
  readonly engine?: DialectName;
  /** One version, or the old and the new one (diff mode). */
  readonly versions: readonly ReportVersion[];
  /** What the page draws first, computed from the same evaluation the page would make. */
  readonly snapshot: ReportSnapshot;
  /** The lint findings on the (new) version. */
  readonly findings: readonly ReportFinding[];
  /** Where the report is published, for the Markdown summary's link. @default none */
  readonly link?: string;
}

/**
 * What the page's script finds before it runs: the data without the manifests, which follow the
 * script in the file (so the browser reaches and runs the script sooner) and are read when the
 * page evaluates.
 */
export type PageData = Omit<ReportData, 'versions'> & { readonly versions: readonly { readonly label: string }[] };

/** The id of the script element that carries the PageData. */
export const DATA_ELEMENT_ID = 'netpol-data';
/** The id of the script element that carries each version's manifests, in order. */
export const MANIFESTS_ELEMENT_ID = 'netpol-manifests';
