import { ConnectionChange } from '../analysis/diff';
import { Endpoint } from '../analysis/endpoints';
import { NO_CONNECTIONS, rangesText, verdictText } from '../analysis/format';
import { Connection } from '../analysis/reach';
import { compareText } from '../analysis/text-order';
import { NotAnalysed } from '../dialects/read-result';
import { PROTOCOLS } from '../model/port';

/** The output formats of `reach`. */
export const REACH_FORMATS = ['text', 'json', 'md', 'mermaid'] as const;
/** The output formats of `diff`. */
export const DIFF_FORMATS = ['text', 'md', 'json'] as const;

// The formats of `reach` and `diff` are made as pieces (a line, an item), which the command writes
// a batch at a time: millions of connections are never one string (V8 refuses one of more than
// about 500 million characters) and never all in memory as text.

/** `reach` as netpol-analyzer's `list` writes it, a line at a time: one `SRC => DST : CONN` line per connected pair. */
export function* reachTextPieces(connections: Iterable<Connection>): Generator<string> {
  for (const { source, destination, verdict } of connections) yield `${source.name} => ${destination.name} : ${verdictText(verdict)}\n`;
}

// A value at depth `depth` of a JSON document written with 2 spaces: its lines after the first indented as in the whole.
const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * `{ [field]: items, notAnalysed, notices }` as `JSON.stringify(..., null, 2)` writes it, an item at
 * a time; `item` gives an item's text at depth 2 without its indentation.
 */
function* jsonPieces<T>(field: string, items: Iterable<T>, item: (value: T) => string, notAnalysed: readonly NotAnalysed[], notices: readonly string[]): Generator<string> {
  yield `{\n  ${JSON.stringify(field)}: [`;
  let any = false;
  for (const value of items) {
    yield `${any ? ',\n' : '\n'}    ${item(value)}`;
    any = true;
  }
  yield `${any ? '\n  ]' : ']'},\n  "notAnalysed": ${nested(notAnalysed, 1)},\n  "notices": ${nested(notices, 1)}\n}\n`;
}

/**
 * `reach` as JSON: `connections` (netpol-analyzer's `src`, `dst`, `conn`, and the connections as
 * data), `notAnalysed`, what the answer ignores, and `notices`, fields ignored as the engine ignores them.
 */
export function reachJsonPieces(connections: Iterable<Connection>, notAnalysed: readonly NotAnalysed[], notices: readonly string[] = []): Generator<string> {
  const ranges = (set: Connection['verdict']['allowed']) =>
    Object.fromEntries(PROTOCOLS.filter((protocol) => set.rangesOf(protocol).length > 0).map((protocol) => [protocol, rangesText(protocol, set.rangesOf(protocol)).split(',')]));
  // An item's fields after src and dst, made once per verdict (an evaluation's verdicts are few and shared).
  const verdictFields = new Map<Connection['verdict'], string>();
  const fieldsOf = (verdict: Connection['verdict']) => {
    let text = verdictFields.get(verdict);
    if (text === undefined) {
      const fields = { conn: verdictText(verdict), allowed: ranges(verdict.allowed), ...(!verdict.restricted.isEmpty() && { l7Only: ranges(verdict.restricted) }) };
      verdictFields.set(verdict, (text = nested(fields, 2).slice('{\n'.length)));
    }
    return text;
  };
  const item = ({ source, destination, verdict }: Connection) => `{\n      "src": ${JSON.stringify(source.name)},\n      "dst": ${JSON.stringify(destination.name)},\n${fieldsOf(verdict)}`;
  return jsonPieces('connections', connections, item, notAnalysed, notices);
}

/** `reach` as netpol-analyzer's Markdown table, for a PR comment; policies not analysed follow it. */
export function* reachMarkdownPieces(connections: Iterable<Connection>, notAnalysed: readonly NotAnalysed[], notices: readonly string[] = []): Generator<string> {
  yield '| src | dst | conn |\n|-----|-----|------|\n';
  for (const { source, destination, verdict } of connections) yield `| ${cell(source.name)} | ${cell(destination.name)} | ${cell(verdictText(verdict))} |\n`;
  yield notAnalysedMarkdown(notAnalysed) + noticesMarkdown(notices);
}

/** `reach` as a Mermaid graph (fenced, so GitHub renders it inline), namespaces as subgraphs. */
export function reachMermaid(connections: readonly Connection[]): string {
  const endpoints = new Map<string, Endpoint>();
  connections.forEach(({ source, destination }) => [source, destination].forEach((endpoint) => endpoints.set(endpoint.name, endpoint)));
  const ids = new Map([...endpoints.keys()].sort(compareText).map((name, index) => [name, `n${index}`]));
  const lines = ['```mermaid', 'graph LR'];
  const byNamespace = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints.values()) {
    const namespace = endpoint.kind === 'workload' ? endpoint.workload.namespace : '';
    const members = byNamespace.get(namespace);
    if (members) members.push(endpoint);
    else byNamespace.set(namespace, [endpoint]);
  }
  [...byNamespace.entries()].sort(([a], [b]) => compareText(a, b)).forEach(([namespace, members], index) => {
    const node = (endpoint: Endpoint) => {
      const label = endpoint.kind === 'workload' ? `${endpoint.workload.name}[${endpoint.workload.kind}]` : endpoint.name;
      return `${ids.get(endpoint.name)}["${mermaidText(label)}"]`;
    };
    const sorted = members.sort((a, b) => compareText(a.name, b.name));
    if (namespace === '') sorted.forEach((endpoint) => lines.push(`  ${node(endpoint)}`));
    else lines.push(`  subgraph ns${index}["${mermaidText(namespace)}"]`, ...sorted.map((endpoint) => `    ${node(endpoint)}`), '  end');
  });
  connections.forEach(({ source, destination, verdict }) => lines.push(`  ${ids.get(source.name)} -->|"${mermaidText(verdictText(verdict))}"| ${ids.get(destination.name)}`));
  return [...lines, '```', ''].join('\n');
}

/** `diff` as netpol-analyzer writes it: a header, then changed, added and removed lines, each group sorted. */
export function* diffTextPieces(changes: readonly ConnectionChange[]): Generator<string> {
  const line = (change: ConnectionChange) => {
    const [before, after] = connectionTexts(change);
    const text = `diff-type: ${change.kind}, source: ${change.source.name}, destination: ${change.destination.name}, dir1:  ${before}, dir2: ${after}`;
    return change.workloadsInfo ? `${text}, workloads-diff-info: ${change.workloadsInfo}` : text;
  };
  yield 'Connectivity diff:\n';
  for (const text of grouped(changes, line)) yield `${text}\n`;
}

/** `diff` as netpol-analyzer's Markdown table. */
export function* diffMarkdownPieces(changes: readonly ConnectionChange[], notAnalysed: readonly NotAnalysed[], notices: readonly string[] = []): Generator<string> {
  const row = (change: ConnectionChange) => {
    const [before, after] = connectionTexts(change);
    return `| ${change.kind} | ${cell(change.source.name)} | ${cell(change.destination.name)} | ${cell(before)} | ${cell(after)} | ${cell(change.workloadsInfo)} |`;
  };
  yield '| diff-type | source | destination | dir1 | dir2 | workloads-diff-info |\n|-----------|--------|-------------|------|------|---------------------|\n';
  for (const text of grouped(changes, row)) yield `${text}\n`;
  yield notAnalysedMarkdown(notAnalysed) + noticesMarkdown(notices);
}

/** `diff` as JSON: `changes` (the lines as data, with whether each widens), `notAnalysed`, what the answer ignores, and `notices`, as `reach` gives them. */
export function diffJsonPieces(changes: readonly ConnectionChange[], notAnalysed: readonly NotAnalysed[], notices: readonly string[] = []): Generator<string> {
  const item = (change: ConnectionChange) => {
    const [before, after] = connectionTexts(change);
    return nested({ diffType: change.kind, src: change.source.name, dst: change.destination.name, dir1: before, dir2: after, widening: change.widening, workloadsDiffInfo: change.workloadsInfo }, 2);
  };
  return jsonPieces('changes', changes, item, notAnalysed, notices);
}

function connectionTexts(change: ConnectionChange): [string, string] {
  return [change.kind === 'added' ? NO_CONNECTIONS : verdictText(change.before), change.kind === 'removed' ? NO_CONNECTIONS : verdictText(change.after)];
}

// netpol-analyzer orders diff lines by category (changed, added, removed) and sorts each category's lines.
function grouped(changes: readonly ConnectionChange[], format: (change: ConnectionChange) => string): string[] {
  return (['changed', 'added', 'removed'] as const).flatMap((kind) => changes.filter((change) => change.kind === kind).map(format).sort(compareText));
}

function notAnalysedMarkdown(notAnalysed: readonly NotAnalysed[]): string {
  if (notAnalysed.length === 0) return '';
  return ['', '> **Not analysed** (the connections above ignore these policies):', ...notAnalysed.map(({ policy, feature }) => `> - ${cell(policy)}: ${cell(feature)}`), ''].join('\n');
}

// What the reader ignored as the engine does: a reviewer reading the table sees it too.
function noticesMarkdown(notices: readonly string[]): string {
  if (notices.length === 0) return '';
  return ['', '> **Notices** (ignored as the engine ignores them):', ...notices.map((notice) => `> - ${cell(notice)}`), ''].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;');
}
