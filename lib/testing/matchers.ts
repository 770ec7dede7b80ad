import { stringify } from 'yaml';
import { Endpoint } from '../analysis/endpoints';
import { explain, explanationText } from '../analysis/explain';
import { findEndpoints } from '../analysis/find-endpoints';
import { verdictText } from '../analysis/format';
import { parseManifests } from '../analysis/manifests';
import { partialRead } from '../analysis/partial-read';
import { Policies, readPolicies } from '../analysis/policies';
import { reach, Reachability } from '../analysis/reach';
import { readWorkloads, Workloads } from '../analysis/workloads';
import { PolicyChart } from '../constructs/policy-chart';
import { DialectName } from '../dialects/capabilities';
import { Manifest } from '../dialects/manifest';
import { Port } from '../model/port';
import { fixtureWorkloads, SMALL_CLUSTER } from './fixture';

/** What the matchers evaluate: a chart, YAML text, or both with the workloads and engine to use. */
export type NetpolSubject = PolicyChart | string | NetpolSubjectProps;

/** Policies, workloads and engine for the matchers. */
export interface NetpolSubjectProps {
  /** A PolicyChart (synthesized, then read back from its YAML with its dialect's reader), or YAML text. */
  readonly policies: PolicyChart | string;
  /** The workloads. @default the YAML's own workloads if it has any, else SMALL_CLUSTER */
  readonly workloads?: Workloads;
  /** The engine whose semantics apply. @default the chart's dialect, or inferred from the YAML's policy kinds */
  readonly cni?: DialectName;
}

/** One connection to check. */
export interface ReachQuery {
  /** The source: `namespace/name`, an address or CIDR, or a name as reach prints it. */
  readonly from: string;
  /** The destination, likewise. */
  readonly to: string;
  /** One port such as `TCP/8080` or `TCP/http`. @default every connection */
  readonly port?: string;
}

/** Expected connections by `'from => to'`, each as reach prints them: `TCP 8080`, `All Connections`, `No Connections`. */
export type ReachTable = Readonly<Record<string, string>>;

interface Evaluated {
  readonly policies: Policies;
  readonly reachability: Reachability;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** Evaluates a subject: its policies as their YAML says, on its workloads. */
export function evaluateSubject(subject: NetpolSubject): Evaluated {
  const props: NetpolSubjectProps = typeof subject === 'string' || PolicyChart.isPolicyChart(subject) ? { policies: subject } : subject;
  let text: string;
  let engine = props.cni;
  if (typeof props.policies === 'string') {
    text = props.policies;
  } else {
    // The policy means what its YAML says: write the chart's manifests out and read them back.
    text = (props.policies.toJson() as Manifest[]).map((manifest) => stringify(manifest)).join('---\n');
    engine ??= props.policies.dialect;
  }
  const manifests = parseManifests(text, 'policies');
  const own = readWorkloads(manifests);
  const workloads = props.workloads ?? (own.workloads.length > 0 ? own : fixtureWorkloads(SMALL_CLUSTER));
  const policies = readPolicies(manifests.map((sourced) => sourced.manifest), engine);
  return { policies, reachability: reach(policies.intents, workloads) };
}

/** Thrown by a matcher on a partial read: it fails `expect(...).toAllow` and `expect(...).not.toAllow` alike. */
export class PartialReadError extends Error {}

// A matcher never vouches for a connection on a partial read (the rule every reader follows);
// it throws rather than returning pass: false, which `.not` would turn into a pass.
function refusePartialRead(policies: Policies): void {
  const read = partialRead(policies.notAnalysed);
  if (read.fails) throw new PartialReadError(`some policies were not analysed, so no connection can be vouched for:\n${read.lines.map((line) => `  ${line}`).join('\n')}`);
}

function check(subject: NetpolSubject, query: ReachQuery, expectAllowed: boolean): MatcherResult {
  const evaluated = evaluateSubject(subject);
  refusePartialRead(evaluated.policies);
  const { reachability } = evaluated;
  const port = query.port === undefined ? undefined : Port.parse(query.port);
  const results = pairs(reachability, query).map(([source, destination]) => {
    const explanation = explain(reachability, source, destination, port);
    const { allowed, restricted } = explanation.verdict;
    const pass = expectAllowed ? allowed.equals(explanation.asked) : allowed.isEmpty() && restricted.isEmpty();
    return { pass, explanation };
  });
  const pass = results.every((result) => result.pass);
  const wanted = expectAllowed ? 'allowed' : 'denied';
  return {
    pass,
    message: () =>
      results
        .filter((result) => result.pass === pass)
        .map(({ explanation }) => `expected ${explanation.source.name} => ${explanation.destination.name} ${pass ? 'not ' : ''}to be ${wanted}:\n${explanationText(explanation)}`)
        .join('\n\n'),
  };
}

function pairs(reachability: Reachability, query: ReachQuery): [Endpoint, Endpoint][] {
  const sources = findEndpoints(reachability, query.from, 'source');
  const destinations = findEndpoints(reachability, query.to, 'destination');
  return sources.flatMap((source) => destinations.map((destination): [Endpoint, Endpoint] => [source, destination]));
}

/**
 * Vitest matchers (register with `expect.extend(netpolMatchers)`):
 * `expect(chart).toAllow({ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' })` passes when
 * every asked connection is allowed fully (an L7-restricted allow is not enough); `toDeny` when
 * none is allowed at all; `toHaveReachability({ 'shop/web => shop/api': 'TCP 8080' })` when each
 * pair's connections print as given. Failures explain each direction: the rule that decided, or
 * that no rule allowed it.
 */
export const netpolMatchers = {
  toAllow(subject: NetpolSubject, query: ReachQuery): MatcherResult {
    return check(subject, query, true);
  },
  toDeny(subject: NetpolSubject, query: ReachQuery): MatcherResult {
    return check(subject, query, false);
  },
  toHaveReachability(subject: NetpolSubject, table: ReachTable): MatcherResult {
    const evaluated = evaluateSubject(subject);
    refusePartialRead(evaluated.policies);
    const { reachability } = evaluated;
    const mismatches = Object.entries(table).flatMap(([key, expected]) => {
      const [from, to, ...rest] = key.split('=>').map((part) => part.trim());
      if (!from || !to || rest.length > 0) throw new Error(`reachability table key "${key}" is not 'from => to'`);
      return pairs(reachability, { from, to }).flatMap(([source, destination]) => {
        const actual = verdictText(reachability.connection(source, destination));
        if (actual === expected) return [];
        return [`${source.name} => ${destination.name}: expected ${expected}, got ${actual}\n${explanationText(explain(reachability, source, destination))}`];
      });
    });
    return {
      pass: mismatches.length === 0,
      message: () => (mismatches.length === 0 ? `expected the reachability not to be ${JSON.stringify(table)}` : mismatches.join('\n\n')),
    };
  },
};
