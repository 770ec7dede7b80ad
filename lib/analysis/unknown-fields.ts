// Fields of workload objects the analysis does not know: ignored (they cannot change who reaches
// whom), but named once each, so that a typo such as `metdata` does not pass unseen.

const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
// ObjectMeta's fields (k8s.io/apimachinery meta/v1), as kubectl and the API give them.
const METADATA_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

/** The unknown top-level and metadata fields of an object, as `kind field` texts (`Pod metdata`, `Deployment metadata.labls`). */
export function unknownFields(object: Record<string, unknown>): string[] {
  const kind = String(object.kind);
  const top = Object.keys(object).filter((key) => !OBJECT_FIELDS.has(key));
  const metadata = typeof object.metadata === 'object' && object.metadata !== null ? Object.keys(object.metadata).filter((key) => !METADATA_FIELDS.has(key)) : [];
  return [...top, ...metadata.map((key) => `metadata.${key}`)].map((field) => `${kind} ${field}`);
}
