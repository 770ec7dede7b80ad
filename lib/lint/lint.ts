import { Analysed } from '../analysis/analyse';
import { PolicyAnalysis } from '../analysis/analysis';
import { inferEngine, readPolicies } from '../analysis/policies';
import { readWorkloads, Workloads } from '../analysis/workloads';
import { DIALECTS, dialectOf } from '../dialects';
import { DialectName } from '../dialects/capabilities';
import { CheckInfo, ManifestCheck } from '../dialects/lint-check';
import { Manifest } from '../dialects/manifest';
import { NotAnalysed, policySource, readFrom } from '../dialects/read-result';
import { NetpolError } from '../model/errors';
import { PolicyIntent } from '../model/intent';
import { compareText } from '../analysis/text-order';
import { GivenFacts, readClusterFacts } from './cluster-facts';
import { INTENT_CHECKS } from './checks';
import { RawFinding } from './checks/check';
import { LintContext, LintManifest, LintPolicy, sourced, sourceText } from './context';
import { Finding, PolicyRef, policyText } from './finding';

/** The annotation that silences checks on one policy: check ids separated by commas. */
export const LINT_DISABLE_ANNOTATION = 'netpol.cdk8s.io/lint-disable';

/** What to lint: manifests of any dialect (with workloads, Services and Nodes among them or beside), or a chart's intents. */
export type LintInput =
  | {
      /** Manifests: policies, and optionally workloads, namespaces, Services, Nodes. */
      readonly manifests: readonly (Manifest | LintManifest)[];
      /** The workloads, when not among the manifests. @default those among the manifests */
      readonly workloads?: Workloads;
      /** The engine whose semantics apply. @default inferred from the policy kinds */
      readonly dialect?: DialectName;
      /** The same manifests already analysed (as `netpol report` has them): their policies, workloads and evaluation are used, not made again. @default none: read from the manifests */
      readonly analysed?: Analysed;
    }
  | {
      /** Intents, as a PolicyChart holds them. */
      readonly intents: readonly PolicyIntent[];
      /** The workloads to check selections against. @default none (those checks do not run) */
      readonly workloads?: Workloads;
      /** The dialect the intents are rendered to, so that its YAML checks run too. @default none (intent checks only) */
      readonly dialect?: DialectName;
    };

/** How to lint. */
export interface LintOptions extends GivenFacts {
  /** Check ids not to run. @default none */
  readonly disable?: readonly string[];
}

/** What lint found. */
export interface LintReport {
  /** The findings, sorted by file, document, policy, check and message. */
  readonly findings: Finding[];
  /** Policies the reader could not model: their checks did not run (not a clean result). */
  readonly notAnalysed: NotAnalysed[];
  /** The engine whose semantics applied, when known. */
  readonly engine?: DialectName;
  /** What the reader ignored on purpose, as the engine does (Cilium's fromRequires): not linted, and said. */
  readonly notices?: readonly string[];
}

/** Every check, intent checks first, then each dialect's YAML checks (each id once). */
export function lintChecks(): CheckInfo[] {
  const checks = new Map<string, CheckInfo>(INTENT_CHECKS.map((check) => [check.id, check]));
  for (const dialect of Object.values(DIALECTS)) for (const check of dialect.lintChecks ?? []) if (!checks.has(check.id)) checks.set(check.id, check);
  return [...checks.values()].map(({ id, severity, summary, why, fix }) => ({ id, severity, summary, why, fix }));
}

/**
 * Lints policies: the intent checks on what they mean, the engine's YAML checks on the manifests,
 * and the checks that need workloads, Services or cluster ranges when the inputs have them.
 * Throws a NetpolError for bad input (an unknown check id, a malformed object).
 */
export function lint(input: LintInput, options: LintOptions = {}): LintReport {
  const known = new Set(lintChecks().map((check) => check.id));
  checkIds(options.disable ?? [], '--disable', known);
  const prepared = 'intents' in input ? fromIntents(input) : fromManifests(input.manifests.map(toLintManifest), input);
  const context: LintContext = { ...prepared, facts: readClusterFacts(sourced(prepared.manifests), options) };
  const raw = INTENT_CHECKS.flatMap((check) => check.run(context).map((found) => fromRaw(check, found)));
  const manifestChecks = context.engine ? (dialectOf(context.engine).lintChecks ?? []) : [];
  const fromYaml = context.manifests.flatMap((item) => manifestChecks.flatMap((check) => check.check(item.manifest).map((problem) => fromManifest(check, item, problem.message, problem.field, prepared))));
  const disabled = new Set(options.disable ?? []);
  const silenced = silencedIds(context.manifests, known);
  const findings = [...raw, ...fromYaml].filter((finding) => !disabled.has(finding.id) && !silenced.get(finding.sourceKey ?? '')?.has(finding.id));
  return { findings: sortedUnique(findings.map(({ sourceKey, ...finding }) => finding)), notAnalysed: [...context.notAnalysed], ...(context.engine && { engine: context.engine }), ...(context.notices && { notices: context.notices }) };
}

type Prepared = Omit<LintContext, 'facts'>;
type KeyedFinding = Finding & { readonly sourceKey?: string };

function toLintManifest(item: Manifest | LintManifest): LintManifest {
  return 'manifest' in item && !('apiVersion' in item) ? (item as LintManifest) : { manifest: item as Manifest };
}

function refOf(manifest: Manifest): PolicyRef {
  return { kind: manifest.kind, ...(manifest.metadata.namespace !== undefined && { namespace: manifest.metadata.namespace }), name: manifest.metadata.name };
}

// What fromManifests is given besides the manifests (LintInput's fields, and the construct paths of rendered intents).
interface ManifestsGiven {
  readonly dialect?: DialectName;
  readonly workloads?: Workloads;
  readonly analysed?: Analysed;
  readonly constructPaths?: ReadonlyMap<string, string>;
}

function fromManifests(manifests: readonly LintManifest[], { dialect, workloads, analysed, constructPaths }: ManifestsGiven): Prepared {
  const read = analysed?.policies ?? readPolicies(manifests.map((item) => item.manifest), dialect ?? inferEngine(manifests.map((item) => item.manifest)));
  const byManifest = new Map(manifests.map((item) => [item.manifest, item]));
  const policies = read.intents.map((intent, position): LintPolicy => {
    const source = byManifest.get(readFrom(intent) as Manifest);
    if (!source) throw new NetpolError([{ where: 'lint', field: 'analysed', message: 'is not the analysis of these manifests: give what analyse() returned for the same manifest objects' }]);
    const constructPath = constructPaths?.get(policySource(source.manifest));
    return { intent, position, ref: refOf(source.manifest), source, ...(constructPath && { constructPath }) };
  });
  const found = analysed?.workloads ?? workloads ?? readWorkloads(sourced(manifests));
  return { policies, manifests, engine: read.engine, notAnalysed: read.notAnalysed, ...(read.notices && { notices: read.notices }), ...withWorkloads(read.intents, found, analysed?.reachability.analysis) };
}

function fromIntents(input: { intents: readonly PolicyIntent[]; workloads?: Workloads; dialect?: DialectName }): Prepared {
  if (input.dialect) {
    const manifests = dialectOf(input.dialect).render(input.intents).map((manifest) => ({ manifest }));
    const paths = new Map(input.intents.flatMap((intent) => {
      const rendered = manifests.find(({ manifest }) => manifest.metadata.name === intent.name && (manifest.metadata.namespace ?? 'cluster') === (intent.scope === 'cluster' ? 'cluster' : intent.scope.namespace));
      return rendered && intent.path ? [[policySource(rendered.manifest), intent.path] as [string, string]] : [];
    }));
    return fromManifests(manifests, { dialect: input.dialect, workloads: input.workloads ?? readWorkloads([]), constructPaths: paths });
  }
  const policies = input.intents.map((intent, position): LintPolicy => ({
    intent,
    position,
    ref: { kind: 'Policy', ...(intent.scope !== 'cluster' && { namespace: intent.scope.namespace }), name: intent.name },
    ...(intent.path && { constructPath: intent.path }),
  }));
  return { policies, manifests: [], notAnalysed: [], ...withWorkloads(input.intents, input.workloads) };
}

// The checks that need workloads get them and the intents evaluated on them (`analysis`: already made, for these intents and workloads).
function withWorkloads(intents: readonly PolicyIntent[], workloads: Workloads | undefined, analysis?: PolicyAnalysis): Pick<LintContext, 'workloads' | 'analysis'> {
  if (!workloads || workloads.workloads.length === 0) return {};
  return { workloads, analysis: analysis ?? new PolicyAnalysis(intents, workloads) };
}

function locationOf(source: LintManifest | undefined): Pick<Finding, 'file' | 'document'> {
  return { ...(source?.file !== undefined && { file: source.file }), ...(source?.document !== undefined && { document: source.document }) };
}

function fromRaw(check: CheckInfo, { policy, message }: RawFinding): KeyedFinding {
  return {
    id: check.id,
    severity: check.severity,
    message,
    why: check.why,
    fix: check.fix,
    policy: policy.ref,
    ...locationOf(policy.source),
    ...(policy.constructPath && { constructPath: policy.constructPath }),
    ...(policy.source && { sourceKey: keyOf(policy.source) }),
  };
}

function fromManifest(check: ManifestCheck, item: LintManifest, message: string, field: string, prepared: Prepared): KeyedFinding {
  const constructPath = prepared.policies.find((policy) => policy.source === item)?.constructPath;
  return { id: check.id, severity: check.severity, message, why: check.why, fix: check.fix, policy: refOf(item.manifest), ...locationOf(item), field, ...(constructPath && { constructPath }), sourceKey: keyOf(item) };
}

// A manifest's identity for its annotation: where it was read, and which policy it is.
function keyOf(item: LintManifest): string {
  return `${item.file ?? ''}\u0000${item.document ?? ''}\u0000${policySource(item.manifest)}`;
}

function silencedIds(manifests: readonly LintManifest[], known: ReadonlySet<string>): Map<string, Set<string>> {
  const silenced = new Map<string, Set<string>>();
  manifests.forEach((item, index) => {
    const text = item.manifest.metadata.annotations?.[LINT_DISABLE_ANNOTATION];
    if (text === undefined) return;
    const ids = text.split(/[\s,]+/).filter((id) => id.length > 0);
    checkIds(ids, `${sourceText(item, index)}: ${policySource(item.manifest)}: metadata.annotations["${LINT_DISABLE_ANNOTATION}"]`, known);
    silenced.set(keyOf(item), new Set(ids));
  });
  return silenced;
}

function checkIds(ids: readonly string[], where: string, known: ReadonlySet<string>): void {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new NetpolError(unknown.map((id) => ({ where, field: '', message: `"${id}" is not a lint check: use one of ${[...known].sort().join(', ')}` })));
  }
}

function sortedUnique(findings: Finding[]): Finding[] {
  const key = (finding: Finding) => [finding.file ?? '', String(finding.document ?? 0).padStart(8, '0'), finding.policy ? policyText(finding.policy) : '', finding.id, finding.message].join('\u0000');
  const byKey = new Map(findings.map((finding) => [key(finding), finding]));
  return [...byKey.entries()].sort(([a], [b]) => compareText(a, b)).map(([, finding]) => finding);
}
