// A synth killed at any step leaves an output that the next synth (or netpol reading it) makes whole.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { main as netpol } from '../lib/cli/main';
import { ownerIsAlive, repairOutput, WRITE_STEPS, WriteStep, writeOutputAtomically } from '../lib/synth/output';

const ROOT = path.resolve(__dirname, '..');
const temporary: string[] = [];
afterEach(() => temporary.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-output-'));
  temporary.push(dir);
  return dir;
}

class Killed extends Error {}
const dead = () => false;

/** Writes `version` into `outdir` as one file, killed (the process stops, nothing cleans up) after `step`. */
function writeKilledAfter(outdir: string, version: string, step?: WriteStep): void {
  try {
    writeOutputAtomically(outdir, (staging) => fs.writeFileSync(path.join(staging, 'policy.yaml'), version), (done) => {
      if (done === step) throw new Killed(step);
    });
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
  }
}

/** A PID that ran and has exited. */
function exitedPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number;
}

describe('writing an output folder whole', () => {
  for (const step of WRITE_STEPS) {
    it(`after a kill once '${step}' is done, the repair leaves the old or the new output, whole, and nothing beside it`, () => {
      const parent = tempDir();
      const outdir = path.join(parent, 'dist');
      writeKilledAfter(outdir, 'old');
      writeKilledAfter(outdir, 'new', step);
      repairOutput(outdir, dead);
      expect(fs.readdirSync(parent)).toEqual(['dist']);
      const content = fs.readFileSync(path.join(outdir, 'policy.yaml'), 'utf8');
      // Before the swap the old output is whole; from its second rename on, the new one is.
      expect(content).toBe(WRITE_STEPS.indexOf(step) < WRITE_STEPS.indexOf('moved-in') ? 'old' : 'new');
    });
  }

  it('repairs before writing, so the next write after a kill succeeds and leaves nothing behind', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'dist');
    writeKilledAfter(outdir, 'old');
    writeKilledAfter(outdir, 'new', 'moved-aside');
    expect(fs.existsSync(outdir)).toBe(false);
    writeKilledAfter(outdir, 'newer');
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(fs.readFileSync(path.join(outdir, 'policy.yaml'), 'utf8')).toBe('newer');
  });

  it('leaves a running writer alone, and refuses to let a reader see its half-swapped output', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'dist');
    writeKilledAfter(outdir, 'old');
    writeKilledAfter(outdir, 'new', 'moved-aside');
    expect(() => repairOutput(outdir, () => true)).toThrow(`${outdir}: is being replaced by process ${process.pid} right now`);
    expect(fs.readdirSync(parent).sort()).toEqual([`.dist-${process.pid}.staging`, `.dist-${process.pid}.staging.lock`, `.dist-${process.pid}.staging.previous`]);
  });

  it('tells a live owner from a dead one by PID and start time, so a reused PID is not taken for the writer', () => {
    expect(ownerIsAlive({ pid: exitedPid() })).toBe(false);
    const parentPid = process.ppid;
    const stat = fs.readFileSync(`/proc/${parentPid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    expect(ownerIsAlive({ pid: parentPid, start })).toBe(true);
    expect(ownerIsAlive({ pid: parentPid, start: `${start}1` })).toBe(false);
    expect(ownerIsAlive({ pid: process.pid })).toBe(false);
  });

  it('netpol repairs an interrupted synth of the folder it reads (or of a folder it is in)', async () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'dist');
    fs.mkdirSync(path.join(outdir, 'kubernetes'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'kubernetes', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    const pid = exitedPid();
    fs.renameSync(outdir, path.join(parent, `.dist-${pid}.staging.previous`));
    const out: string[] = [];
    const code = await netpol(['reach', 'dist/kubernetes'], { cwd: parent, out: (text) => out.push(text), err: () => {} });
    expect(code).toBe(0);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  it('acceptance: after dist/ is moved aside by hand and a dead staging is left, npm run synth ends with a whole dist/ and no staging', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'dist');
    const [p, q] = [exitedPid(), exitedPid()];
    fs.mkdirSync(path.join(parent, `.dist-${p}.staging.previous`, 'kubernetes'), { recursive: true });
    fs.mkdirSync(path.join(parent, `.dist-${q}.staging`, 'half'), { recursive: true });
    const result = spawnSync(process.execPath, ['-r', './scripts/register.js', 'scripts/synth.ts'], { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(fs.readdirSync(outdir).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'dist')).sort());
  });
});
