// `npm run bench [-- --quick] [-- --only P1,P2]`: every benchmark, one table. A full run (all
// sections or some) records its sections in bench/results.json and rewrites, from every recorded
// section, the tables of bench/README.md (the goals at a glance, and every figure); a quick run
// writes only scratch results. Benchmarks are never timed tests.
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
import { markdownTable, recordResults, Row, sectionsText, SectionRun, summaryTable, updateTable, writeScratchResults } from './support/report';
import { BenchOptions, ROOT, WORK } from './options';

const SECTIONS: Record<string, (options: BenchOptions) => Row[] | Promise<Row[]>> = { P1: runP1, P2: runP2, P3: runP3, P4: runP4, P5: runP5, P6: runP6, LINT: runLint };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options: BenchOptions = { quick: args.includes('--quick') };
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : Object.keys(SECTIONS);
  ensureBaseline();
  const rows: Row[] = [];
  const ran: Record<string, { run: SectionRun; rows: Row[] }> = {};
  const load = () => os.loadavg()[0].toFixed(2);
  const loadAtStart = load();
  for (const name of only) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown benchmark ${name}: use ${Object.keys(SECTIONS).join(', ')}`);
    console.error(`running ${name}${options.quick ? ' (quick)' : ''} (load ${load()})...`);
    const start = load();
    const sectionRows = await section(options);
    rows.push(...sectionRows);
    ran[name] = { run: { date: new Date().toISOString(), load: { start, end: load() } }, rows: sectionRows };
  }
  console.log(markdownTable(rows));
  if (options.quick) {
    writeScratchResults(path.join(WORK, 'results.json'), rows, true, [`1-minute load average: ${loadAtStart} at the start, ${load()} at the end`]);
  } else {
    // The project's record: these sections replace their previous figures, the others stay.
    const results = recordResults(path.join(ROOT, 'bench', 'results.json'), Object.keys(SECTIONS), ran);
    const when = sectionsText(results);
    updateTable(path.join(ROOT, 'bench', 'README.md'), 'bench', markdownTable(results.rows), when);
    updateTable(path.join(ROOT, 'bench', 'README.md'), 'bench-summary', summaryTable(results.rows), when);
  }
  const missed = rows.filter((row) => row.goal && !row.goal.met);
  if (missed.length > 0) console.error(`goals not met: ${missed.map((row) => `${row.benchmark} ${row.measure}`).join('; ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
