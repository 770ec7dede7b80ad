import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CheckInfo, Severity } from '../dialects/lint-check';
import { Finding, policyText } from './finding';
import { LintReport } from './lint';

/** The OASIS schema SARIF 2.1.0 logs name (schemas/sarif/sarif-schema-2.1.0.json is a copy). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Where the tool's documentation is, for SARIF's `informationUri` and each rule's `helpUri`. */
export interface SarifTool {
  /** The tool's version. */
  readonly version: string;
  /** The directory file URIs are made relative to (code-scanning UIs want repository-relative paths). */
  readonly baseDirectory: string;
}

/**
 * A SARIF 2.1.0 log of a lint report: one run, the checks as rules, each finding a result whose
 * physical location is its file and logical location its policy. Policies not analysed are
 * reported as the run's tool notifications, so that a partial result is never silent.
 */
export function lintSarif(report: LintReport, checks: readonly CheckInfo[], tool: SarifTool): Log {
  const rules: ReportingDescriptor[] = checks.map((check) => ({
    id: check.id,
    name: check.id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: check.summary },
    fullDescription: { text: check.why },
    help: { text: `${check.why}. Fix: ${check.fix}.` },
    defaultConfiguration: { level: LEVEL[check.severity] },
  }));
  const ruleIndex = new Map(checks.map((check, index) => [check.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'netpol lint', fullName: 'cdk8s-netpol netpol lint', version: tool.version, semanticVersion: tool.version, rules } },
        results: report.findings.map((finding) => resultOf(finding, ruleIndex.get(finding.id) as number, tool.baseDirectory)),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notAnalysed.map(({ policy, feature }) => ({ level: 'warning' as const, message: { text: `not analysed, so not linted: ${policy}: ${feature}` } })),
          },
        ],
      },
    ],
  };
}

function resultOf(finding: Finding, ruleIndex: number, baseDirectory: string): Result {
  const logical = finding.policy ? [{ fullyQualifiedName: policyText(finding.policy), kind: 'resource' }] : undefined;
  const physical = finding.file !== undefined ? { artifactLocation: { uri: fileUri(finding.file, baseDirectory) } } : undefined;
  const properties = {
    ...(finding.document !== undefined && { document: finding.document }),
    ...(finding.field !== undefined && { field: finding.field }),
    ...(finding.constructPath !== undefined && { constructPath: finding.constructPath }),
  };
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}. Fix: ${finding.fix}.` },
    ...((physical || logical) && { locations: [{ ...(physical && { physicalLocation: physical }), ...(logical && { logicalLocations: logical }) }] }),
    ...(Object.keys(properties).length > 0 && { properties }),
  };
}

// A path inside the base directory as a relative URI reference; anything else as a file: URI.
function fileUri(file: string, baseDirectory: string): string {
  const relative = path.relative(baseDirectory, path.resolve(baseDirectory, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return pathToFileURL(path.resolve(baseDirectory, file)).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}
