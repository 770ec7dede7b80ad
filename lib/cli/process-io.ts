// The `netpol` command's input and output when it runs as a process (tests give their own CliIo).
import type { CliIo } from './main';

// Set when the reader of standard output went away (EPIPE): what is left to write is dropped, as
// a Unix tool's output is, and the run ends with the exit code it would have had.
let stdoutGone = false;

/** The process's own standard streams and working directory. */
export const PROCESS_IO: CliIo = {
  out: (text) => {
    if (!stdoutGone) process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  stdin: process.stdin,
  drained: () => {
    if (stdoutGone) return Promise.resolve(false);
    if (!process.stdout.writableNeedDrain) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (drained: boolean) => () => {
        process.stdout.off('drain', onDrain).off('error', onError);
        resolve(drained);
      };
      const [onDrain, onError] = [settle(true), settle(false)];
      process.stdout.once('drain', onDrain).once('error', onError);
    });
  },
};

/** Makes a closed standard output end the writing, not the process (once per process). */
export function quietOnClosedStdout(): void {
  if (process.stdout.listeners('error').includes(onStdoutError)) return;
  process.stdout.on('error', onStdoutError);
}

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  stdoutGone = true;
}
