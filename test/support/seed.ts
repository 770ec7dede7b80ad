// Every property test runs from one seed, printed, so a failure replays: NETPOL_SEED=<seed> npm test.
// npm test uses a fixed seed (reproducible CI); a nightly job sets NETPOL_SEED to a fresh one.
import fc from 'fast-check';

export const DEFAULT_SEED = 20261201;
const seed = process.env.NETPOL_SEED === undefined ? DEFAULT_SEED : Number(process.env.NETPOL_SEED);
if (!Number.isInteger(seed)) throw new Error(`NETPOL_SEED=${process.env.NETPOL_SEED} is not an integer seed`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
