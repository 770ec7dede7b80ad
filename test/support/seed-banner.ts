// Prints the property tests' seed once per run (test/support/seed.ts sets it in every test file).
import { DEFAULT_SEED } from './seed';

export default function printSeed(): void {
  console.log(`fast-check seed ${process.env.NETPOL_SEED ?? DEFAULT_SEED}${process.env.NETPOL_SEED ? ' (NETPOL_SEED)' : ' (set NETPOL_SEED to replay another)'}`);
}
