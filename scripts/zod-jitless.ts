// Imported first by scripts/synth.ts, before lib/ builds its schemas: zod compiles a parser for
// each object schema the first time it parses (`new Function`), which a short run pays for on
// every start (V8's code cache keeps the bundle's functions, not these) and rarely earns back.
// Jitless parsing checks the same and reports the same issues. `npm run synth` of the frozen
// workload 0.93-0.96x the wall time (3 runs of 20-40 pairs, load 2-2.7), the shop 0.95x; 10,000
// policies synthesized in the same time either way (in-process, 6 runs each).
import { z } from 'zod';

z.config({ jitless: true });
