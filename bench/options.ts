import * as fs from 'fs';
import * as path from 'path';

/** How a benchmark run is asked for. */
export interface BenchOptions {
  /** Small sizes and few runs, under a minute: what CI runs so the harness cannot rot. */
  readonly quick: boolean;
}

export const ROOT = path.resolve(__dirname, '..');
/** Scratch space for outputs; never committed. */
export const WORK = path.join(ROOT, 'bench', '.work');
fs.mkdirSync(WORK, { recursive: true });
