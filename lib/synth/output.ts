import * as fs from 'fs';
import * as path from 'path';
import { NetpolError } from '../model/errors';

// Writing an output folder whole, and repairing what a killed writer left. A writer with PID P
// writes `.<out>-P.staging/`, then swaps it in with two renames (out -> `.<out>-P.staging.previous`,
// staging -> out) and removes the previous folder. Its lock file `.<out>-P.staging.lock`, created
// first (O_EXCL) and removed last, records its PID and start time: a PID alone can be reused, the
// pair names one process. A writer whose lock names a process that is gone was killed, and the
// next writer or reader repairs what it left (see repairOutput).

/** The steps of a write, in order; a kill after any of them is repaired by repairOutput. */
export const WRITE_STEPS = ['locked', 'written', 'moved-aside', 'moved-in', 'previous-removed', 'unlocked'] as const;
export type WriteStep = (typeof WRITE_STEPS)[number];

interface Owner {
  readonly pid: number;
  /** The process's start time (clock ticks since boot, /proc/<pid>/stat), where the system has it. */
  readonly start?: string;
}

/** The start time of a process, from /proc (Linux); undefined where there is none. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may hold spaces, so count after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that owns a staging folder still runs: its PID runs and, where the lock
 * recorded a start time, that PID's process started then (so a reused PID is not taken for it).
 * This process's own leftovers are from an earlier, failed write, since writes are synchronous.
 */
export function ownerIsAlive(owner: Owner): boolean {
  if (owner.pid === process.pid || !isRunning(owner.pid)) return false;
  return owner.start === undefined || startTimeOf(owner.pid) === owner.start;
}

function pathsOf(outdir: string, pid: number) {
  const staging = path.join(path.dirname(outdir), `.${path.basename(outdir)}-${pid}.staging`);
  return { staging, previous: `${staging}.previous`, lock: `${staging}.lock` };
}

function readOwner(lock: string, pid: number): Owner {
  try {
    const recorded = JSON.parse(fs.readFileSync(lock, 'utf8'));
    if (recorded.pid === pid) return { pid, ...(typeof recorded.start === 'string' && { start: recorded.start }) };
  } catch {
    // No lock, or a lock cut short by a kill: the PID is all there is to go on.
  }
  return { pid };
}

/** The PIDs of the writers that left something beside `outdir`. */
function writersBeside(outdir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(outdir));
  } catch {
    return []; // no such folder, or not ours to read: nothing of ours to repair
  }
  const pattern = new RegExp(`^\\.${path.basename(outdir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.staging(\\.previous|\\.lock)?$`);
  const pids = names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [Number(match[1])] : [];
  });
  return [...new Set(pids)].sort((a, b) => a - b);
}

/**
 * Repairs what killed writers left beside `outdir`: a swap cut between its renames is undone (the
 * previous output is moved back when `outdir` is missing, else removed) and their staging folders
 * and locks are removed. A running writer's files are left alone; if it is between its renames,
 * `outdir` is missing for a moment and this throws rather than let a reader see no output.
 */
export function repairOutput(outdir: string, isAlive: (owner: Owner) => boolean = ownerIsAlive): void {
  for (const pid of writersBeside(outdir)) {
    const { staging, previous, lock } = pathsOf(outdir, pid);
    if (isAlive(readOwner(lock, pid))) {
      if (fs.existsSync(previous) && !fs.existsSync(outdir)) {
        throw new NetpolError([{ where: outdir, field: '', message: `is being replaced by process ${pid} right now: run again once it is done` }]);
      }
      continue;
    }
    // Each step leaves a state this function repairs, so a repair that is itself killed is finished by the next.
    if (fs.existsSync(previous)) {
      if (fs.existsSync(outdir)) fs.rmSync(previous, { recursive: true, force: true });
      else fs.renameSync(previous, outdir);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Replaces `outdir` whole with what `write` puts in the staging folder it is given, or leaves it
 * as it was when `write` throws. `afterStep` is for tests that kill the write after each step.
 */
export function writeOutputAtomically(outdir: string, write: (staging: string) => void, afterStep: (step: WriteStep) => void = () => {}): void {
  repairOutput(outdir);
  const { staging, previous, lock } = pathsOf(outdir, process.pid);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const fd = fs.openSync(lock, 'wx');
  fs.writeSync(fd, JSON.stringify({ pid: process.pid, start: startTimeOf(process.pid) }));
  fs.closeSync(fd);
  afterStep('locked');
  try {
    fs.mkdirSync(staging);
    write(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(lock, { force: true });
    throw error;
  }
  afterStep('written');
  if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
  afterStep('moved-aside');
  fs.renameSync(staging, outdir);
  afterStep('moved-in');
  fs.rmSync(previous, { recursive: true, force: true });
  afterStep('previous-removed');
  fs.rmSync(lock, { force: true });
  afterStep('unlocked');
}

/** Before reading a path: repairs an interrupted write of it or of a folder it is in. */
export function repairBeforeReading(given: string): void {
  for (let folder = path.resolve(given); ; folder = path.dirname(folder)) {
    repairOutput(folder);
    if (path.dirname(folder) === folder) return;
  }
}
