import { Readable } from 'stream';
import { NetpolError } from '../model/errors';
import { STDIN_NAME } from '../analysis/manifests';
import { ReadLimits } from '../analysis/read-limits';

/**
 * Reads a stream to its end as UTF-8, within the byte limit and the idle limit: a stream that
 * never ends fails once it passes `maxInputBytes`, one that falls silent after `stdinIdleMs`.
 */
export function readStdin(stream: Readable, limits: ReadLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let timer: NodeJS.Timeout | undefined;
    const fail = (message: string) => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      stream.pause();
      stream.destroy();
      reject(new NetpolError([{ where: STDIN_NAME, field: '', message }]));
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`nothing read for ${limits.stdinIdleMs / 1000} s: is the command writing to it stuck? (raise the limit with --stdin-timeout)`), limits.stdinIdleMs);
      timer.unref?.();
    };
    idle();
    stream.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > limits.maxInputBytes) return fail(`more than ${limits.maxInputBytes.toLocaleString('en-US')} bytes (raise the limit with --max-input-bytes)`);
      chunks.push(buffer);
      idle();
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    stream.on('error', (error) => fail(error.message));
  });
}
