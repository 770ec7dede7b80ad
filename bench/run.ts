// `npm run bench [-- --quick] [-- --only P1,P2]`: every benchmark, one table, bench/results.json,
// and (full runs only) the tables of bench/README.md (every figure) and README.md (the goals). Benchmarks are never timed tests.
import * as os from 'os';
import * as path from 'path';
import { runP1 } from './p1-synth';
import { runP2 } from './p2-scale';
import { runP3 } from './p3-reach';
import { runP4 } from './p4-property';
import { runP5 } from './p5-report';
import { runP6 } from './p6-adopt';
import { runLint } from './lint';
import { ensureBaseline } from './support/tools';
import { markdownTable, Row, summaryTable, updateTable, writeResults } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const SECTIONS: Record<string, (options: BenchOptions) => Row[] | Promise<Row[]>> = { P1: runP1, P2: runP2, P3: runP3, P4: runP4, P5: runP5, P6: runP6, LINT: runLint };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options: BenchOptions = { quick: args.includes('--quick') };
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : Object.keys(SECTIONS);
  ensureBaseline();
  const rows: Row[] = [];
  const loadAtStart = os.loadavg()[0].toFixed(2);
  for (const name of only) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown benchmark ${name}: use ${Object.keys(SECTIONS).join(', ')}`);
    console.error(`running ${name}${options.quick ? ' (quick)' : ''}...`);
    rows.push(...(await section(options)));
  }
  const table = markdownTable(rows);
  console.log(table);
  const complete = !options.quick && only.length === Object.keys(SECTIONS).length;
  // Only a complete full run is the project's record; anything else stays in the scratch folder.
  const load = `1-minute load average: ${loadAtStart} at the start, ${os.loadavg()[0].toFixed(2)} at the end (2 cores: above ~0.5 the machine was not idle)`;
  writeResults(complete ? path.join(ROOT, 'bench', 'results.json') : path.join(WORK, 'results.json'), rows, options.quick, [load]);
  if (complete) {
    const when = new Date().toISOString().slice(0, 10);
    updateTable(path.join(ROOT, 'bench', 'README.md'), 'bench', table, when);
    updateTable(path.join(ROOT, 'README.md'), 'bench-summary', summaryTable(rows), when);
  }
  const missed = rows.filter((row) => row.goal && !row.goal.met);
  if (missed.length > 0) console.error(`goals not met: ${missed.map((row) => `${row.benchmark} ${row.measure}`).join('; ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
