// Runs the netpol command in-process, as bin/netpol.js does, and keeps what it writes.
import * as path from 'path';
import { Readable } from 'stream';
import { main } from '../../lib/cli/main';

const ROOT = path.resolve(__dirname, '../..');

/** How `netpol` ran: its exit code and what it wrote to stdout and stderr. */
export interface NetpolRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `netpol <args>` from `cwd` (default: the repository), with `stdin` as its standard input if given. */
export async function runNetpol(args: string[], options: { cwd?: string; stdin?: string } = {}): Promise<NetpolRun> {
  let out = '';
  let err = '';
  const stdin = options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) };
  const code = await main(args, { out: (text) => (out += text), err: (text) => (err += text), cwd: options.cwd ?? ROOT, ...stdin });
  return { code, out, err };
}
