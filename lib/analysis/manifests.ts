import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from '../dialects/manifest';
import { NetpolError } from '../model/errors';
import { parseDocuments } from './parse-documents';
import { DEFAULT_READ_LIMITS, ReadLimits } from './read-limits';

/** A manifest and where it was read: `file document N` (N counts from 0 in the file). */
export interface SourcedManifest {
  /** The object. */
  readonly manifest: Manifest;
  /** The file and document index it came from, for messages. */
  readonly source: string;
}

/** How manifests are read. */
export interface LoadOptions {
  /** What `-` among the paths reads: standard input's text, read by the caller. Default: `-` is an error. */
  readonly stdin?: string;
  /** The bounds on reading. Default DEFAULT_READ_LIMITS. */
  readonly limits?: ReadLimits;
}

/** The name `-` reads as, in messages. */
export const STDIN_NAME = '<stdin>';
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads manifests from files and directories (recursively: *.yaml, *.yml, *.json, in name order)
 * and `-` (standard input, given as `options.stdin`). All inputs together stay within
 * `limits.maxInputBytes`.
 */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): SourcedManifest[] {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  let bytes = 0;
  const budget = (size: number, where: string) => {
    bytes += size;
    if (bytes > limits.maxInputBytes) {
      throw new NetpolError([{ where, field: '', message: `the inputs exceed ${limits.maxInputBytes.toLocaleString('en-US')} bytes (raise the limit with --max-input-bytes)` }]);
    }
  };
  return paths.flatMap((given) => {
    if (path.basename(given) === '-' && options.stdin !== undefined) {
      budget(Buffer.byteLength(options.stdin), STDIN_NAME);
      return parseManifests(options.stdin, STDIN_NAME, limits);
    }
    return manifestFiles(given).flatMap((file) => {
      budget(fs.statSync(file).size, file);
      return parseManifests(fs.readFileSync(file, 'utf8'), file, limits);
    });
  });
}

function manifestFiles(given: string): string[] {
  if (!fs.existsSync(given)) throw new NetpolError([{ where: given, field: '', message: 'no such file or directory' }]);
  if (!fs.statSync(given).isDirectory()) return [given];
  return fs
    .readdirSync(given, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const child = path.join(given, entry.name);
      if (entry.isDirectory()) return manifestFiles(child);
      return MANIFEST_FILE.test(entry.name) ? [child] : [];
    });
}

/**
 * Parses the manifests in one file's text: YAML documents (JSON is YAML too), each an object, a
 * list (`kind: List`, or a typed list such as `PodList` whose items need not say their kind) or
 * an array of objects. Empty documents are skipped; anything else that is not a Kubernetes
 * object is an error naming the file, document and field.
 */
export function parseManifests(text: string, file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SourcedManifest[] {
  return parseDocuments(text, file, limits).flatMap((document, index) => {
    const where = `${file} document ${index}`;
    return objectsOf(document, where);
  });
}

/** What a typed list's items are when they do not say: `v1 PodList` holds `v1 Pod`s. */
interface ItemType {
  readonly apiVersion: string;
  readonly kind: string;
}

function objectsOf(value: unknown, where: string, field = '', itemType?: ItemType): SourcedManifest[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => objectsOf(item, where, `${field}[${index}]`, itemType));
  if (typeof value !== 'object') throw new NetpolError([{ where, field, message: `not a Kubernetes object: found ${JSON.stringify(value)?.slice(0, 40)}, expected a map with apiVersion and kind` }]);
  const object = value as Record<string, unknown>;
  const apiVersion = object.apiVersion ?? itemType?.apiVersion;
  const kind = object.kind ?? itemType?.kind;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
    throw new NetpolError([{ where, field, message: 'not a Kubernetes object: it needs apiVersion and kind (strings)' }]);
  }
  if (kind.endsWith('List') && Array.isArray(object.items)) {
    const items = kind === 'List' ? undefined : { apiVersion, kind: kind.slice(0, -'List'.length) };
    return object.items.flatMap((item, index) => objectsOf(item, where, `${field ? `${field}.` : ''}items[${index}]`, items));
  }
  const metadata = object.metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw new NetpolError([{ where, field: `${field ? `${field}.` : ''}metadata`, message: 'metadata must be an object' }]);
  }
  const manifest = { ...object, apiVersion, kind, metadata: { ...(metadata as object) } } as Manifest;
  return [{ manifest, source: field ? `${where} ${field}` : where }];
}
