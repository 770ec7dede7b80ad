// P4 — the no-widening property at volume: random intents in every dialect that accepts them,
// rendered, written, read back and evaluated, against the intents' own meaning.
import { DIALECTS, DialectName } from '../lib';
import { checkNoWidening } from '../test/support/no-widening';
import { Row } from './support/report';
import { BenchOptions } from './options';

const SEED = 20261125;

export function runP4(options: BenchOptions): Row[] {
  const numRuns = options.quick ? 200 : 10_000;
  return (Object.keys(DIALECTS) as DialectName[]).flatMap((dialect): Row[] => {
    const started = performance.now();
    let failure = '';
    let accepted = 0;
    try {
      ({ accepted } = checkNoWidening({ dialect, numRuns, seed: SEED }));
    } catch (error) {
      failure = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    }
    const seconds = (performance.now() - started) / 1000;
    return [
      { benchmark: 'P4', measure: `${dialect}: random intent sets checked (seed ${SEED}), ${accepted.toLocaleString('en-US')} accepted by the dialect`, value: { amount: numRuns, unit: `cases in ${seconds.toFixed(1)} s` } },
      { benchmark: 'P4', measure: `${dialect}: failures${failure ? `: ${failure}` : ''}`, value: { amount: failure ? 1 : 0, unit: 'failing cases' }, goal: { text: '0', met: !failure } },
    ];
  });
}
