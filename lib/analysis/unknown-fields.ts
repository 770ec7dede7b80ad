// Fields of workload objects the analysis does not know: ignored (they cannot change who reaches
// whom), but named once each, so that a typo such as `metdata` does not pass unseen.
import { OBJECT_FIELDS, OBJECT_META_FIELDS } from '../dialects/known-fields';
import type { PodSource } from './workload-schemas';

/**
 * The unknown top-level and metadata fields of an object, and of its pod template's metadata, as
 * `kind field` texts (`Pod metdata`, `Deployment metadata.labls`, `Deployment
 * spec.template.metadata.lables`: its pods would have no labels).
 */
export function unknownFields(object: Record<string, unknown>, pod?: PodSource): string[] {
  const kind = String(object.kind);
  const top = Object.keys(object).filter((key) => key !== 'spec' && !OBJECT_FIELDS.includes(key));
  const unknownMetadata = (metadata: unknown, path: string) =>
    typeof metadata === 'object' && metadata !== null ? Object.keys(metadata).filter((key) => !OBJECT_META_FIELDS.includes(key)).map((key) => `${path}.${key}`) : [];
  const template = pod?.templatePath === undefined ? [] : unknownMetadata(pod.template.metadata, `${pod.templatePath}.metadata`);
  return [...top, ...unknownMetadata(object.metadata, 'metadata'), ...template].map((field) => `${kind} ${field}`);
}
