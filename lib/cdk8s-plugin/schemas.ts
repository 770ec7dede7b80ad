// The official schemas this package ships (schemas/, SOURCES.md), compiled with ajv as the API
// server checks them: unknown fields rejected, Go's formats. The repository's tests use the same.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as ipaddr from 'ipaddr.js';
import { parseAllDocuments } from 'yaml';

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

/** The Kubernetes NetworkPolicy JSON schema (draft-07, unknown fields rejected). */
export function kubernetesValidator(): ValidateFunction {
  return compileOnce('kubernetes', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'kubernetes/networkpolicy-networking-v1.json'), 'utf8'));
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

const NPA = 'network-policy-api';
/** The schema of each policy kind the package ships one for, by `apiVersion/kind`. */
export const OFFICIAL_SCHEMAS: Readonly<Record<string, () => ValidateFunction>> = {
  'networking.k8s.io/v1/NetworkPolicy': kubernetesValidator,
  'projectcalico.org/v3/NetworkPolicy': () => crdValidator('calico/projectcalico.org_networkpolicies.yaml', 'v3'),
  'projectcalico.org/v3/GlobalNetworkPolicy': () => crdValidator('calico/projectcalico.org_globalnetworkpolicies.yaml', 'v3'),
  'projectcalico.org/v3/Tier': () => crdValidator('calico/projectcalico.org_tiers.yaml', 'v3'),
  'cilium.io/v2/CiliumNetworkPolicy': () => crdValidator('cilium/ciliumnetworkpolicies.yaml', 'v2'),
  'cilium.io/v2/CiliumClusterwideNetworkPolicy': () => crdValidator('cilium/ciliumclusterwidenetworkpolicies.yaml', 'v2'),
  'cilium.io/v2/CiliumCIDRGroup': () => crdValidator('cilium/ciliumcidrgroups.yaml', 'v2'),
  'policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy': () => crdValidator(`${NPA}/v0.2.0/experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml`, 'v1alpha2'),
  'policy.networking.k8s.io/v1alpha1/AdminNetworkPolicy': () => crdValidator(`${NPA}/v0.1.8/experimental/policy.networking.k8s.io_adminnetworkpolicies.yaml`, 'v1alpha1'),
  'policy.networking.k8s.io/v1alpha1/BaselineAdminNetworkPolicy': () => crdValidator(`${NPA}/v0.1.8/experimental/policy.networking.k8s.io_baselineadminnetworkpolicies.yaml`, 'v1alpha1'),
};
