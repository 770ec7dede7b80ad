// The official schemas this package ships (schemas/, SOURCES.md), compiled with ajv as the API
// server checks them: unknown fields rejected, Go's formats. The repository's tests use the same.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as ipaddr from 'ipaddr.js';
import { parseAllDocuments } from 'yaml';
import { DIALECTS } from '../dialects';
import { OfficialSchema } from '../dialects/official-schema';

/** The schemas' folder: `schemas/` at the package root (two levels above lib/cdk8s-plugin and build/cdk8s-plugin). */
export const SCHEMAS_DIR = path.resolve(__dirname, '../../schemas');

const ajv = new Ajv({ strict: false, allErrors: true });
// The formats Cilium's CRDs use, as the API server checks them (apiextensions JSONSchemaProps.format:
// `cidr` is Go's net.ParseCIDR, which allows host bits; unknown formats such as idn-hostname are ignored).
ajv.addFormat('cidr', (text: string) => {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
});
ajv.addFormat('idn-hostname', () => true);
ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
ajv.addFormat('date-time', (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text));

function compileOnce(key: string, make: () => object): ValidateFunction {
  return ajv.getSchema(key) ?? (ajv.addSchema(make(), key), ajv.getSchema(key) as ValidateFunction);
}

/** The validator of a file under schemas/: a CRD's version, or a JSON schema (draft-07, unknown fields rejected) when no version is given. */
export function schemaValidator(file: string, version?: string): ValidateFunction {
  if (version !== undefined) return crdValidator(file, version);
  return compileOnce(file, () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8'));
    delete schema.$schema;
    return schema;
  });
}

/**
 * A CRD's openAPIV3Schema for one version, made strict as kubectl's strict validation is: every
 * typed object that declares properties rejects unknown ones (SOURCES.md, "Using a CRD schema").
 */
export function crdValidator(file: string, version: string, extend: (schema: any) => void = () => undefined): ValidateFunction {
  return compileOnce(`${file}#${version}`, () => {
    const crd = parseAllDocuments(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8'))
      .map((document) => document.toJS())
      .find((document) => document?.kind === 'CustomResourceDefinition');
    const schema = crd.spec.versions.find((candidate: any) => candidate.name === version).schema.openAPIV3Schema;
    rejectUnknownFields(schema);
    extend(schema);
    return schema;
  });
}

function rejectUnknownFields(node: any): void {
  if (Array.isArray(node)) return node.forEach(rejectUnknownFields);
  if (typeof node !== 'object' || node === null) return;
  if (node['x-kubernetes-int-or-string'] && !node.anyOf) node.anyOf = [{ type: 'integer' }, { type: 'string' }];
  // Patterns are Go RE2: \pX and \PX are ECMAScript's \p{X} and \P{X}.
  if (typeof node.pattern === 'string') node.pattern = node.pattern.replace(/\\([pP])([A-Z])/g, '\\$1{$2}');
  const typed = node.type === 'object' && node.properties && node.additionalProperties === undefined;
  if (typed && !node['x-kubernetes-preserve-unknown-fields']) node.additionalProperties = false;
  for (const [key, value] of Object.entries(node)) {
    // The anyOf/oneOf branches of Cilium's spec are untyped stubs: never close those.
    if (key !== 'anyOf' && key !== 'oneOf') rejectUnknownFields(value);
  }
}

/** The schema errors of a manifest, as readable lines (empty when valid). */
export function schemaErrors(validate: ValidateFunction, manifest: unknown): string[] {
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

let byKind: Map<string, OfficialSchema> | undefined;

/** The official schema of a kind (`apiVersion/kind`), as its dialect's registry entry names it; undefined when none ships one. */
export function officialSchema(kind: string): OfficialSchema | undefined {
  byKind ??= new Map(Object.values(DIALECTS).flatMap((dialect) => dialect.schemas ?? []).map((schema) => [schema.kind, schema]));
  return byKind.get(kind);
}
