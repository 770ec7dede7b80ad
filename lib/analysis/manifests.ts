import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../dialects/manifest';
import { NetpolError } from '../model/errors';

/** A manifest and where it was read: `file document N` (N counts from 0 in the file). */
export interface SourcedManifest {
  /** The object. */
  readonly manifest: Manifest;
  /** The file and document index it came from, for messages. */
  readonly source: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Reads manifests from files and directories (recursively: *.yaml, *.yml, *.json, in name order). */
export function loadManifests(paths: readonly string[]): SourcedManifest[] {
  return paths.flatMap((given) => manifestFiles(given)).flatMap((file) => parseManifests(fs.readFileSync(file, 'utf8'), file));
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
 * list (`kind: List`, `PodList`, ... with `items`) or an array of objects. Empty documents are
 * skipped; anything else that is not a Kubernetes object is an error naming the file and document.
 */
export function parseManifests(text: string, file: string): SourcedManifest[] {
  return parseAllDocuments(text).flatMap((document, index) => {
    const where = `${file} document ${index}`;
    if (document.errors.length > 0) {
      throw new NetpolError(document.errors.map((error) => ({ where, field: '', message: `not valid YAML: ${error.message.split('\n')[0]}` })));
    }
    return objectsOf(document.toJS(), where).map((manifest) => ({ manifest, source: where }));
  });
}

function objectsOf(value: unknown, where: string, field = ''): Manifest[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => objectsOf(item, where, `${field}[${index}]`));
  const object = value as Record<string, unknown>;
  if (typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') {
    throw new NetpolError([{ where, field, message: 'not a Kubernetes object: it needs apiVersion and kind' }]);
  }
  if (object.kind.endsWith('List') && Array.isArray(object.items)) {
    return object.items.flatMap((item, index) => objectsOf(item, where, `${field ? `${field}.` : ''}items[${index}]`));
  }
  const metadata = object.metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw new NetpolError([{ where, field: `${field ? `${field}.` : ''}metadata`, message: 'metadata must be an object' }]);
  }
  return [{ ...object, metadata: { ...(metadata as object) } } as Manifest];
}
