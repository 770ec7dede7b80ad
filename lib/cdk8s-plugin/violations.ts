// What the plugin finds in a synthesized app, as cdk8s validation violations: schema errors, lint
// findings, and failed reach assertions, each naming its resource, construct path and fix.
import * as path from 'path';
import { explanationText } from '../analysis/explain';
import { loadManifests, SourcedManifest } from '../analysis/manifests';
import { partialRead } from '../analysis/partial-read';
import { readPolicies } from '../analysis/policies';
import { reach } from '../analysis/reach';
import { checkReach, ReachQuery } from '../analysis/reach-check';
import { readWorkloads } from '../analysis/workloads';
import { readConstructPaths } from '../constructs/construct-paths';
import { Manifest } from '../dialects/manifest';
import { NotAnalysed, policySource } from '../dialects/read-result';
import { lint } from '../lint/lint';
import { LintManifest } from '../lint/context';
import { Finding, policyText } from '../lint/finding';
import { formatProblem, NetpolError } from '../model/errors';
import { NetpolValidationProps } from './properties';
import { officialSchema, schemaErrors, schemaValidator } from './schemas';

/** A violation as cdk8s's `report.addViolation` takes it, with whether it fails the synth. */
export interface NetpolViolation {
  /** The rule: `netpol/schema`, `netpol/experimental-channel`, `netpol/not-analysed`, `netpol/<lint check id>`, `netpol/must-allow`, `netpol/must-deny`, `netpol/input`. */
  readonly ruleName: string;
  /** What is wrong and why it matters. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resources involved: name (cdk8s adds ApiObjects' construct paths from it), file, and where (fields, our construct path). */
  readonly violatingResources: { readonly resourceName: string; readonly manifestPath: string; readonly locations: readonly string[] }[];
  /** Whether it fails the synth (a lint warning does not). */
  readonly fails: boolean;
}

interface Located {
  readonly item: LintManifest & { readonly file: string };
}

/** Every violation in the manifest files cdk8s synthesized. */
export function findViolations(manifestFiles: readonly string[], props: NetpolValidationProps): NetpolViolation[] {
  const paths = readConstructPaths(manifestFiles.map((file) => path.dirname(file)));
  const located = (policy: string): string[] => (paths.has(policy) ? [`construct path: ${paths.get(policy)}`] : []);
  let items: (LintManifest & { file: string })[];
  try {
    items = manifestFiles.flatMap((file) => loadManifests([file]).map((sourced, document) => ({ manifest: sourced.manifest, file, document })));
  } catch (error) {
    return [inputViolation(error, manifestFiles[0] ?? '')];
  }
  const schema = items.flatMap((item) => schemaViolation({ item }, located));
  const rejected = schema.filter((violation) => violation.fails);
  const valid = items.filter((item) => !rejected.some((violation) => violation.violatingResources[0].manifestPath === item.file && violation.violatingResources[0].resourceName === item.manifest.metadata.name));
  try {
    const extra: SourcedManifest[] = props.workloads && props.workloads.length > 0 ? loadManifests(props.workloads.map((given) => path.resolve(given))) : [];
    const workloads = readWorkloads([...valid.map((item) => ({ manifest: item.manifest, source: `${item.file} document ${item.document}` })), ...extra]);
    const report = lint({ manifests: valid, workloads, ...(props.cni && { dialect: props.cni }) }, { disable: props.disable ?? [] });
    const findings = report.findings.map((finding) => lintViolation(finding, located));
    const unread = report.notAnalysed.map((unanalysed) => notAnalysedViolation(unanalysed, valid, located));
    const assertions = reachViolations(valid, workloads, props, located, rejected.length);
    return [...schema, ...unread, ...findings, ...assertions];
  } catch (error) {
    return [...schema, inputViolation(error, manifestFiles[0] ?? '')];
  }
}

function schemaViolation({ item }: Located, located: (policy: string) => string[]): NetpolViolation[] {
  const manifest = item.manifest as Manifest;
  const schema = officialSchema(`${manifest.apiVersion}/${manifest.kind}`);
  if (!schema) return [];
  const resource = (errors: string[]) => [{ resourceName: manifest.metadata.name, manifestPath: item.file, locations: [...errors, ...located(policySource(manifest))] }];
  const where = `${policySource(manifest)} (${item.file} document ${item.document})`;
  // An API with release channels: what the experimental CRD rejects fails; what only it accepts warns.
  const errors = schemaErrors(schemaValidator(schema.experimental ?? schema.file, schema.version), manifest);
  if (errors.length > 0) {
    return [{
      ruleName: 'netpol/schema',
      recommendation: `${where} does not match the official ${manifest.apiVersion} ${manifest.kind} schema, so the API server would reject it`,
      fix: 'Correct the fields named in the locations (a typo, a wrong type or a missing required field)',
      violatingResources: resource(errors),
      fails: true,
    }];
  }
  const standard = schema.experimental ? schemaErrors(schemaValidator(schema.file, schema.version), manifest) : [];
  if (standard.length === 0) return [];
  return [{
    ruleName: 'netpol/experimental-channel (warning)',
    recommendation: `${where} uses fields only the experimental-channel ${manifest.kind} CRD defines, so a cluster with the standard-channel CRD would reject it`,
    fix: 'Install the experimental-channel CRD, or leave out the fields the locations name (a PolicyChart without experimental: true does)',
    violatingResources: resource(standard),
    fails: false,
  }];
}

// A policy the analysis does not model: no lint check saw it and no assertion can count on it, so it fails.
function notAnalysedViolation({ policy, feature }: NotAnalysed, items: readonly (LintManifest & { file: string })[], located: (policy: string) => string[]): NetpolViolation {
  const item = items.find((candidate) => policySource(candidate.manifest) === policy);
  return {
    ruleName: 'netpol/not-analysed',
    recommendation: `${policy}${item ? ` (${item.file} document ${item.document})` : ''} is not analysed (${feature}), so no lint check covered it and no reach assertion can count on it`,
    fix: 'Write the policy with what the analysis models (docs/analysis.md), or move it out of the app',
    violatingResources: [{ resourceName: item?.manifest.metadata.name ?? policy, manifestPath: item?.file ?? '', locations: [feature, ...located(policy)] }],
    fails: true,
  };
}

function lintViolation(finding: Finding, located: (policy: string) => string[]): NetpolViolation {
  const policy = finding.policy ? policyText(finding.policy) : undefined;
  return {
    ruleName: `netpol/${finding.id}${finding.severity === 'error' ? '' : ` (${finding.severity})`}`,
    recommendation: `${policy ? `${policy}: ` : ''}${finding.message} (${finding.why})`,
    fix: finding.fix,
    violatingResources: [
      {
        resourceName: finding.policy?.name ?? '(all policies)',
        manifestPath: finding.file ?? '',
        // cdk8s counts occurrences by locations: always at least one (the field, else the finding).
        locations: [finding.field ?? finding.message, ...(policy ? located(policy) : [])],
      },
    ],
    fails: finding.severity === 'error',
  };
}

function reachViolations(items: readonly LintManifest[], workloads: ReturnType<typeof readWorkloads>, props: NetpolValidationProps, located: (policy: string) => string[], invalid: number): NetpolViolation[] {
  const asked: [ReachQuery, boolean, string][] = [...(props.mustAllow ?? []).map((query, index): [ReachQuery, boolean, string] => [query, true, `mustAllow[${index}]`]), ...(props.mustDeny ?? []).map((query, index): [ReachQuery, boolean, string] => [query, false, `mustDeny[${index}]`])];
  if (asked.length === 0) return [];
  const policies = readPolicies(items.map((item) => item.manifest), props.cni);
  const read = partialRead(policies.notAnalysed);
  const unvouched = [...read.lines, ...(invalid > 0 ? [`${invalid} manifest(s) failed their schema, so the answer would ignore them`] : [])];
  const reachability = unvouched.length === 0 ? reach(policies.intents, workloads) : undefined;
  return asked.flatMap(([query, allowed, where]) => {
    const ruleName = allowed ? 'netpol/must-allow' : 'netpol/must-deny';
    const what = `${query.from} => ${query.to}${query.port ? ` ${query.port}` : ''}`;
    const resource = (locations: string[]) => [{ resourceName: `${where}: ${what}`, manifestPath: '', locations }];
    if (!reachability) {
      return [{ ruleName, recommendation: `${where} (${what}) cannot be vouched for: the read was partial`, fix: 'Make every policy one the analysis models (or fix the schema errors), then synth again', violatingResources: resource(unvouched), fails: true }];
    }
    return checkReach(reachability, query, allowed)
      .filter((result) => !result.pass)
      .map(({ explanation }) => {
        const text = explanationText(explanation);
        const involved = [...paths(text, located)];
        return {
          ruleName,
          recommendation: `${where}: expected ${explanation.source.name} => ${explanation.destination.name} to be ${allowed ? 'allowed' : 'denied'}`,
          fix: allowed ? 'Add a rule that allows it (egress at the source and ingress at the destination), or remove the assertion' : 'Narrow or remove the rules the locations name, or remove the assertion',
          violatingResources: resource([...text.split('\n').filter((line) => line.trim() !== ''), ...involved]),
          fails: true,
        };
      });
  });
}

// The construct paths of the policies an explanation names.
function* paths(text: string, located: (policy: string) => string[]): Iterable<string> {
  const seen = new Set<string>();
  for (const match of text.matchAll(/\b([A-Z][A-Za-z]*Policy [\w.-]+(?:\/[\w.-]+)?)/g)) {
    if (seen.has(match[1])) continue;
    seen.add(match[1]);
    yield* located(match[1]);
  }
}

function inputViolation(error: unknown, manifestPath: string): NetpolViolation {
  if (!(error instanceof NetpolError)) throw error;
  return {
    ruleName: 'netpol/input',
    recommendation: `the manifests or the plugin's properties could not be read: ${error.problems.map(formatProblem).join('; ')}`,
    fix: 'Correct what the message names',
    violatingResources: [{ resourceName: '(input)', manifestPath, locations: error.problems.map(formatProblem) }],
    fails: true,
  };
}
