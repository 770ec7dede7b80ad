// `npm run no-widening [-- <cases per dialect> [<seed>]]`: the no-widening property (test/support/no-widening.ts)
// with many cases, for a nightly job or the benchmark; `npm test` runs a few hundred. Exits 1 with
// fast-check's shrunk counterexample and seed when a dialect's YAML means something else than its intents.
import { DialectName, DIALECTS } from '../lib';
import { checkNoWidening } from '../test/support/no-widening';

const numRuns = Number(process.argv[2] ?? 10_000);
const seed = process.argv[3] === undefined ? Date.now() % 2 ** 31 : Number(process.argv[3]);
try {
  for (const dialect of Object.keys(DIALECTS) as DialectName[]) {
    const started = Date.now();
    const { accepted, runs } = checkNoWidening({ dialect, numRuns, seed });
    console.log(`${dialect}: ${runs} cases (${accepted} the dialect accepts), seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
