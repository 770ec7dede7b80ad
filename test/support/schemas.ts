// Validates manifests against the official schemas in schemas/ (see its SOURCES.md); the
// schema machinery is the cdk8s plugin's (lib/cdk8s-plugin/schemas.ts), so tests and plugin agree.
import * as fs from 'fs';
import * as path from 'path';
import { ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { officialSchema, SCHEMAS_DIR, schemaValidator } from '../../lib/cdk8s-plugin/schemas';

export { SCHEMAS_DIR, crdValidator, schemaErrors } from '../../lib/cdk8s-plugin/schemas';

/** The Kubernetes NetworkPolicy JSON schema, as the kubernetes dialect names it. */
export function kubernetesValidator(): ValidateFunction {
  return schemaValidator(officialSchema('networking.k8s.io/v1/NetworkPolicy')?.file as string);
}

/** The SARIF 2.1.0 schema (JSON Schema draft-04, as it declares), with its uri formats checked. */
export function sarifValidator(): ValidateFunction {
  const draft04 = new AjvDraft04({ strict: false, allErrors: true });
  addFormats(draft04);
  return draft04.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'sarif/sarif-schema-2.1.0.json'), 'utf8')));
}
