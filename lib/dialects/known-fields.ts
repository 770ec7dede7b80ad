import { nearest } from '../model/nearest';
import { Manifest } from './manifest';
import { SCHEMA_FIELDS } from './schema-fields';

/**
 * The fields an official schema gives a value: `value` where it has none to check (a string, a
 * number), `map` for an object of free keys (matchLabels), `any` where the schema keeps unknown
 * fields, `[shape]` for a list, or an object's fields with their shapes.
 */
export type FieldShape = 'value' | 'map' | 'any' | readonly [FieldShape] | { readonly [field: string]: FieldShape };

// The parts of a policy the schemas' field trees cover (lib/dialects/schema-fields.ts): Cilium's
// `specs` holds more rules of `spec`'s shape.
const CHECKED = ['spec', 'specs'] as const;

/**
 * The first field of a policy's spec that its kind's official schema does not have, as
 * `spec.ingress[0].fromEndpoint, a field CiliumNetworkPolicy (cilium.io/v2) does not have: did
 * you mean \`fromEndpoints\`?`; undefined when every field is known or no schema ships for the kind. The API
 * server refuses such a field (kubectl's strict field validation) or drops it, and a reader that
 * skipped it would analyse another policy than the one written (`podSelectr` read as every pod).
 */
export function unknownSpecField(manifest: Manifest): string | undefined {
  const fields = SCHEMA_FIELDS[`${manifest.apiVersion}/${manifest.kind}`];
  if (fields === undefined) return undefined;
  for (const part of CHECKED) {
    const shape = fields[part];
    const value = (manifest as Record<string, unknown>)[part];
    if (shape === undefined || value === undefined) continue;
    const found = unknownField(value, shape, part);
    if (found) return `${found.path}, a field ${manifest.kind} (${manifest.apiVersion}) does not have${found.meant ? `: did you mean \`${found.meant}\`?` : ''}`;
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
    if (!Object.hasOwn(fields, key)) return { path: `${path}.${key}`, meant: nearest(key, Object.keys(fields)) };
    const found = unknownField(inner, fields[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
