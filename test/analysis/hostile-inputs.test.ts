// Untrusted input stays bounded: each hostile input ends in a clear exit-2 error, in bounded
// time and memory. The inputs are generated here; none is committed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';

async function reach(args: string[], stdin?: Readable) {
  let err = '';
  const code = await main(['reach', ...args], { out: () => undefined, err: (text) => (err += text), cwd: os.tmpdir(), ...(stdin && { stdin }) });
  return { code, err };
}

const text = (value: string) => Readable.from([value]);

describe('hostile inputs', () => {
  it('refuses a YAML alias bomb (billion laughs) without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((line) => `  ${line}`).join('\n')}\n`;
    const { code, err } = await reach(['-'], text(bomb));
    expect(code).toBe(2);
    expect(err).toBe('<stdin> document 0: its aliases expand to more than 1,000,000 values (a YAML alias bomb?)\n');
  });

  it('refuses more aliases than --max-aliases, and reads them when it is raised', async () => {
    const many = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: &v y}}\nspec: {l: [${Array(150).fill('*v').join(',')}]}\n`;
    expect(await reach(['-'], text(many))).toMatchObject({ code: 2, err: expect.stringMatching(/^<stdin> document 0 line 4 column \d+: more than 100 YAML aliases: .*--max-aliases/) });
    expect((await reach(['-', '--max-aliases', '200'], text(many))).code).toBe(0);
  });

  it('refuses documents nested thousands deep, in YAML flow, YAML block and JSON', async () => {
    const flow = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nspec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const block = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nspec:\n${Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth + 1)}k:`).join('\n')} 1\n`;
    const json = `{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}, "spec": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const input of [flow, block, json]) {
      const { code, err } = await reach(['-'], text(input));
      expect(code).toBe(2);
      expect(err).toMatch(/^<stdin>.*: nested deeper than 100 levels: not a manifest \(raise the limit with --max-depth if it is\)\n$/);
    }
  });

  it('refuses a multi-gigabyte file before reading it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-huge-')), 'huge.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\n');
    fs.truncateSync(file, 3 * 1024 ** 3); // sparse: 3 GiB long, no disk used
    try {
      const { code, err } = await reach([file]);
      expect(code).toBe(2);
      expect(err).toBe(`${file}: the inputs exceed 268,435,456 bytes (raise the limit with --max-input-bytes)\n`);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true });
    }
  });

  it('stops reading a stream that never ends once it passes the limit', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 65536;
        this.push(Buffer.alloc(65536, '# never ends\n'));
      },
    });
    const { code, err } = await reach(['-', '--max-input-bytes', '4000000'], endless);
    expect(code).toBe(2);
    expect(err).toBe('<stdin>: more than 4,000,000 bytes (raise the limit with --max-input-bytes)\n');
    expect(sent).toBeLessThan(8_000_000);
  });

  it('gives up on a stream that falls silent, after --stdin-timeout', async () => {
    const silent = new Readable({ read() {} });
    const { code, err } = await reach(['-', '--stdin-timeout', '1'], silent);
    expect(code).toBe(2);
    expect(err).toBe('<stdin>: nothing read for 1 s: is the command writing to it stuck? (raise the limit with --stdin-timeout)\n');
  });
});
