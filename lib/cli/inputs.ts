import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadManifests, parseManifests, SourcedManifest } from '../analysis/manifests';
import { DEFAULT_READ_LIMITS, ReadLimits } from '../analysis/read-limits';
import { NetpolError } from '../model/errors';
import { repairBeforeReading } from '../synth/output';

export { analyse, Analysed } from '../analysis/analyse';

/**
 * The manifests of one version for `diff`: a file or directory, or `REV:PATH`, a path (relative
 * to the current directory, as on disk) at a git revision.
 */
export function loadVersion(spec: string, cwd: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SourcedManifest[] {
  const onDisk = path.resolve(cwd, spec);
  repairBeforeReading(onDisk);
  const separator = spec.indexOf(':');
  if (fs.existsSync(onDisk) || separator <= 0) return loadManifests([onDisk], { limits });
  const revision = spec.slice(0, separator);
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  let files: string[];
  try {
    const prefix = git('rev-parse', '--show-prefix').trim();
    const wanted = path.posix.normalize(path.posix.join(prefix, spec.slice(separator + 1) || '.'));
    files = git('ls-tree', '-r', '--name-only', '--full-tree', revision, ...(wanted === '.' ? [] : ['--', wanted]))
      .split('\n')
      .filter((file) => /\.(ya?ml|json)$/i.test(file))
      .sort();
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new NetpolError([{ where: spec, field: '', message: `not a file, directory or REV:PATH of this git repository: ${message}` }]);
  }
  if (files.length === 0) throw new NetpolError([{ where: spec, field: '', message: `no manifests at ${revision}` }]);
  return files.flatMap((file) => parseManifests(git('show', `${revision}:${file}`), `${revision}:${file}`, limits));
}
