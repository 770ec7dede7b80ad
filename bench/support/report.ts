// One table for every benchmark: each figure beside its baseline and the ratio.
import * as fs from 'fs';
import * as os from 'os';
import { Timing } from './measure';
import { Paired } from './pairs';

/** One measured figure, compared with a baseline measured in the same run. */
export interface Row {
  /** The benchmark, e.g. `P1`. */
  readonly benchmark: string;
  /** What was measured. */
  readonly measure: string;
  /** The figure: a timing in seconds, or a plain value with its unit. */
  readonly value: Timing | { readonly amount: number; readonly unit: string };
  /** The baseline and its timing, when the figure is a ratio against one. */
  readonly baseline?: { readonly name: string; readonly value: Timing };
  /** The per-pair ratios of figure over baseline, when the two were timed in turns. */
  readonly paired?: Pick<Paired, 'ratio' | 'pairs' | 'load'>;
  /** The goal, e.g. `<= 2x floor`, and whether this run met it. */
  readonly goal?: { readonly text: string; readonly met: boolean };
}

/**
 * A row comparing A (the figure) with B (the baseline), timed in turns; the goal, when given, is
 * judged on the median of the per-pair ratios.
 */
export function pairedRow(benchmark: string, measure: string, paired: Paired, baseline: string, goal?: { text: string; met: (ratio: number) => boolean }): Row {
  return {
    benchmark,
    measure,
    value: paired.a,
    baseline: { name: baseline, value: paired.b },
    paired: { ratio: paired.ratio, pairs: paired.pairs, load: paired.load },
    ...(goal && { goal: { text: goal.text, met: goal.met(paired.ratio.median) } }),
  };
}

const seconds = (timing: Timing) => `${timing.median.toFixed(3)} s (${timing.min.toFixed(3)}–${timing.max.toFixed(3)}, ${timing.runs} runs)`;

function valueText(value: Row['value']): string {
  return 'median' in value ? seconds(value) : `${value.amount.toLocaleString('en-US')} ${value.unit}`;
}

/** The rows as a Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| | Measure | Figure: median (min–max) | Baseline: median (min–max) | Ratio: median of pairs (min–max, pairs; load start→end) | Goal |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    const baseline = row.baseline ? `${row.baseline.name}: ${seconds(row.baseline.value)}` : '';
    const { paired } = row;
    const times = paired ? `${paired.ratio.median.toFixed(2)}× (${paired.ratio.min.toFixed(2)}–${paired.ratio.max.toFixed(2)}, ${paired.pairs} pairs; ${paired.load.start}→${paired.load.end})` : '';
    const goal = row.goal ? `${row.goal.text} ${row.goal.met ? '✅' : '❌'}` : '';
    lines.push(`| ${row.benchmark} | ${row.measure} | ${valueText(row.value)} | ${baseline} | ${times} | ${goal} |`);
  }
  return lines.join('\n');
}

/** The machine the figures come from. */
export function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version };
}

/** When and under what load one section of a full run was measured. */
export interface SectionRun {
  /** ISO date and time the section finished. */
  readonly date: string;
  /** The 1-minute load average when it started and ended. */
  readonly load: { readonly start: string; readonly end: string };
}

/** bench/results.json: the latest full measurement of each section. */
export interface Results {
  readonly machine: ReturnType<typeof machine>;
  /** Each recorded section's run, in the order of `npm run bench`. */
  readonly sections: Readonly<Record<string, SectionRun>>;
  /** Every recorded section's rows, each tagged with its section. */
  readonly rows: readonly (Row & { readonly section: string })[];
  readonly notes: readonly string[];
}

/**
 * Records full runs of some sections in the results file: their rows replace the same sections'
 * rows, the others' stay (a section is measured again alone when the machine was busy during it).
 */
export function recordResults(file: string, order: readonly string[], ran: Readonly<Record<string, { run: SectionRun; rows: readonly Row[] }>>): Results {
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Results>) : {};
  const kept = (previous.rows ?? []).filter((row) => row.section && !(row.section in ran) && order.includes(row.section));
  const fresh = Object.entries(ran).flatMap(([section, { rows }]) => rows.map((row) => ({ ...row, section })));
  const byOrder = (section: string) => order.indexOf(section);
  const rows = [...kept, ...fresh].sort((a, b) => byOrder(a.section) - byOrder(b.section));
  const sections = Object.fromEntries(order.filter((name) => name in ran || name in (previous.sections ?? {})).map((name) => [name, ran[name]?.run ?? previous.sections![name]]));
  const results: Results = { machine: machine(), sections, rows, notes: ['Each section is the latest full `npm run bench` of it (`--only` measures some again); its date and load are in `sections`. Above a load of ~0.5 on 2 cores the machine was not idle.'] };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

/** Writes the results of a quick or scratch run, which are never the project's record. */
export function writeScratchResults(file: string, rows: readonly Row[], quick: boolean, notes: readonly string[]): void {
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, machine: machine(), rows, notes }, null, 2)}\n`);
}

/** When and under what load each section was measured, as one line per section. */
export function sectionsText(results: Results): string {
  return Object.entries(results.sections).map(([name, run]) => `${name}: ${run.date.slice(0, 16).replace('T', ' ')} UTC, load ${run.load.start}→${run.load.end}`).join('; ');
}

/**
 * The goals at a glance, atop bench/README.md: per benchmark, how many goals are met and each one
 * lost with its figure (every row is in the table below it).
 */
export function summaryTable(rows: readonly Row[]): string {
  const lines = ['| | Goals met | Lost |', '|---|---|---|'];
  const judged = rows.filter((row) => row.goal);
  for (const benchmark of [...new Set(judged.map((row) => row.benchmark))]) {
    const own = judged.filter((row) => row.benchmark === benchmark);
    const lost = own.filter((row) => !row.goal!.met).map((row) => `${row.measure}: ${resultText(row)} (goal ${row.goal!.text})`);
    lines.push(`| ${benchmark} | ${own.length - lost.length} of ${own.length} ${lost.length === 0 ? '✅' : '❌'} | ${lost.join('; ') || '—'} |`);
  }
  return lines.join('\n');
}

function resultText(row: Row): string {
  if (row.paired && row.baseline) return `${row.paired.ratio.median.toFixed(2)}× ${row.baseline.name.split(/[:(]/)[0].trim()} (median of ${row.paired.pairs} pairs)`;
  return 'median' in row.value ? `${row.value.median.toFixed(3)} s` : valueText(row.value);
}

/** Replaces the text between a file's `<!-- <marker>:start -->` and `<!-- <marker>:end -->` with the recorded table. */
export function updateTable(file: string, marker: string, table: string, when: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const before = text.indexOf(start);
  const after = text.indexOf(end);
  if (before < 0 || after < before) throw new Error(`${file} has no ${start} ... ${end} markers`);
  const m = machine();
  const body = `\n_${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; \`npm run bench\`, figures in bench/results.json. Measured: ${when}._\n\n${table}\n`;
  fs.writeFileSync(file, text.slice(0, before + start.length) + body + text.slice(after));
}
