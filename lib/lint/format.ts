import { Finding, policyText } from './finding';
import { LintReport } from './lint';

/** The output formats of `netpol lint`. */
export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** Where a finding is, for text: `file document N: Kind namespace/name` (what is known of it). */
export function findingPlace(finding: Finding): string {
  const file = finding.file !== undefined ? `${finding.file}${finding.document !== undefined ? ` document ${finding.document}` : ''}` : undefined;
  const policy = finding.policy ? policyText(finding.policy) : undefined;
  return [file, policy, finding.constructPath && `(${finding.constructPath})`, finding.field].filter(Boolean).join(': ');
}

/** Findings as text: one line each, with why and fix below, then a count. */
export function lintText(report: LintReport): string {
  const lines = report.findings.flatMap((finding) => [`${findingPlace(finding)}: ${finding.severity} ${finding.id}: ${finding.message}`, `  why: ${finding.why}`, `  fix: ${finding.fix}`]);
  const count = (severity: Finding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  const summary = report.findings.length === 0 ? 'no findings' : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`;
  return [...lines, summary, ''].join('\n');
}

/** Findings as JSON: the report as data. */
export function lintJson(report: LintReport): string {
  return `${JSON.stringify({ findings: report.findings, notAnalysed: report.notAnalysed, notices: report.notices ?? [] }, null, 2)}\n`;
}
