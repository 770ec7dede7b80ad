// Fields of workload objects the analysis does not know: ignored (they cannot change who reaches
// whom), but named once each, so that a typo such as `metdata` does not pass unseen.
import { OBJECT_FIELDS, OBJECT_META_FIELDS } from '../dialects/known-fields';

/** The unknown top-level and metadata fields of an object, as `kind field` texts (`Pod metdata`, `Deployment metadata.labls`). */
export function unknownFields(object: Record<string, unknown>): string[] {
  const kind = String(object.kind);
  const top = Object.keys(object).filter((key) => key !== 'spec' && !OBJECT_FIELDS.includes(key));
  const metadata = typeof object.metadata === 'object' && object.metadata !== null ? Object.keys(object.metadata).filter((key) => !OBJECT_META_FIELDS.includes(key)) : [];
  return [...top, ...metadata.map((key) => `metadata.${key}`)].map((field) => `${kind} ${field}`);
}
