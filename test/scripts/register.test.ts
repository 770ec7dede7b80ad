// The swc require hook's cache: a file read back from the cache must be the file as it is now.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REGISTER = path.resolve(__dirname, '../../scripts/register.js');

describe('scripts/register.js', () => {
  let folder: string;
  let cache: string;
  let program: string;
  const run = () => execFileSync(process.execPath, ['-r', REGISTER, program], { encoding: 'utf8', env: { ...process.env, NETPOL_SWC_CACHE: cache } }).trim();

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-register-'));
    cache = path.join(folder, 'cache');
    program = path.join(folder, 'program.ts');
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('runs a file as it is now, after it changed since it was cached', () => {
    fs.writeFileSync(program, "const answer: number = 1;\nconsole.log(answer);\n");
    expect(run()).toBe('1');
    expect(fs.readdirSync(cache)).toHaveLength(1);
    fs.writeFileSync(program, "const answer: number = 2;\nconsole.log(answer);\n");
    expect(run()).toBe('2');
    // Changing back reads the first entry again: the cache holds one entry per text, not per path.
    fs.writeFileSync(program, "const answer: number = 1;\nconsole.log(answer);\n");
    expect(run()).toBe('1');
    expect(fs.readdirSync(cache)).toHaveLength(2);
  });

  it('reads a cached file back without transpiling it again', () => {
    fs.writeFileSync(program, "console.log('from source' as string);\n");
    run();
    const [entry] = fs.readdirSync(cache);
    // Only a hit can print this: the entry is keyed by the source's hash, which did not change.
    fs.writeFileSync(path.join(cache, entry), "console.log('from cache');\n");
    expect(run()).toBe('from cache');
  });

  it('keys the cache by path too, so two files with one text keep their own source maps', () => {
    const other = path.join(folder, 'other.ts');
    fs.writeFileSync(program, "throw new Error('here' as string);\n");
    fs.writeFileSync(other, "throw new Error('here' as string);\n");
    const stack = (file: string) => {
      try {
        execFileSync(process.execPath, ['-r', REGISTER, file], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NETPOL_SWC_CACHE: cache } });
      } catch (error) {
        return String((error as { stderr: string }).stderr);
      }
      throw new Error(`${file} did not throw`);
    };
    expect(stack(program)).toContain('program.ts:1');
    expect(stack(other)).toContain('other.ts:1');
  });

  it('still runs when the cache folder cannot be written', () => {
    fs.writeFileSync(cache, 'a file where the folder would be');
    fs.writeFileSync(program, "console.log(3 as number);\n");
    expect(run()).toBe('3');
  });
});
