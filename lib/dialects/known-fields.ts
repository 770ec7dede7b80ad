import { nearest } from '../model/nearest';
import { Manifest } from './manifest';
import { SCHEMA_FIELDS } from './schema-fields';

/**
 * The fields an official schema gives a value: an object's fields with their shapes, `[shape]` for
 * a list, or `open` where there are none to check (a string or a number, an object of free keys
 * such as matchLabels, or what the schema keeps unknown fields in).
 */
export type FieldShape = 'open' | readonly [FieldShape] | { readonly [field: string]: FieldShape };

// The parts of a policy the schemas' field trees cover (lib/dialects/schema-fields.ts): Cilium's
// `specs` holds more rules of `spec`'s shape.
const CHECKED = ['spec', 'specs'] as const;

/** The fields every Kubernetes object has beside its kind's own (`spec`): `status` is the server's. */
export const OBJECT_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata', 'status'];
/** ObjectMeta's fields (k8s.io/apimachinery meta/v1), as kubectl and the API give them. */
export const OBJECT_META_FIELDS: readonly string[] = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

/**
 * The first field of a policy that its kind does not have, as `spec.ingress[0].fromEndpoint, a
 * field CiliumNetworkPolicy (cilium.io/v2) does not have: did you mean \`fromEndpoints\`?`: at the
 * top (`sepc`), in its metadata (`metadata.namespce`), or in its spec, whose fields its kind's
 * official schema gives; undefined when every field is known or no schema ships for the kind. The
 * API server refuses such a field (kubectl's strict field validation) or drops it, and a reader
 * that skipped it would analyse another policy than the one written (`podSelectr` read as every
 * pod, `namespce` as the default namespace).
 */
export function unknownPolicyField(manifest: Manifest): string | undefined {
  const fields = SCHEMA_FIELDS[`${manifest.apiVersion}/${manifest.kind}`];
  if (fields === undefined) return undefined;
  const said = (found: { path: string; meant?: string }) =>
    `${found.path}, a field ${manifest.kind} (${manifest.apiVersion}) does not have${found.meant ? `: did you mean \`${found.meant}\`?` : ''}`;
  const object = manifest as Record<string, unknown>;
  const top = unknownField(object, Object.fromEntries([...OBJECT_FIELDS, ...Object.keys(fields)].map((field) => [field, 'open' as const])), '');
  if (top) return said(top);
  const metadata = unknownField(object.metadata, Object.fromEntries(OBJECT_META_FIELDS.map((field) => [field, 'open' as const])), 'metadata');
  if (metadata) return said(metadata);
  for (const part of CHECKED) {
    const shape = fields[part];
    const found = shape === undefined ? undefined : unknownField(object[part], shape, part);
    if (found) return said(found);
  }
  return undefined;
}

// Values of the wrong type are left to the readers, which say what they expected.
function unknownField(value: unknown, shape: FieldShape, path: string): { path: string; meant?: string } | undefined {
  if (typeof value !== 'object' || value === null || typeof shape === 'string') return undefined;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return undefined;
    for (const [index, item] of value.entries()) {
      const found = unknownField(item, shape[0], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(value)) return undefined;
  const fields = shape as { readonly [field: string]: FieldShape };
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(fields, key)) return { path: at, meant: nearest(key, Object.keys(fields)) };
    const found = unknownField(inner, fields[key], at);
    if (found) return found;
  }
  return undefined;
}
