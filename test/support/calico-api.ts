// What the API server checks of a projectcalico.org/v3 object: its CRD schema (unknown fields
// rejected), the CRD's CEL rules written as code (SOURCES.md lists them), and Calico's own
// validator (lib/dialects/calico/validate.ts, which the dialect also runs on what it writes).
import { ValidateFunction } from 'ajv';
import { calicoProblems } from '../../lib/dialects/calico/validate';
import { crdValidator, schemaErrors } from './schemas';

const CRD_FILES: Record<string, string> = {
  NetworkPolicy: 'calico/projectcalico.org_networkpolicies.yaml',
  GlobalNetworkPolicy: 'calico/projectcalico.org_globalnetworkpolicies.yaml',
  Tier: 'calico/projectcalico.org_tiers.yaml',
};

/** The v3 CRD schema of a Calico kind. */
export function calicoValidator(kind: string): ValidateFunction {
  const file = CRD_FILES[kind];
  if (!file) throw new Error(`no Calico CRD for kind ${kind}`);
  return crdValidator(file, 'v3', uniqueSets);
}

// `x-kubernetes-list-type: set` lists reject duplicates (SOURCES.md, "Using a CRD schema").
function uniqueSets(node: any): void {
  if (typeof node !== 'object' || node === null) return;
  if (node['x-kubernetes-list-type'] === 'set') node.uniqueItems = true;
  Object.values(node).forEach(uniqueSets);
}

/** The CRDs' CEL rules (x-kubernetes-validations), as code. */
export function calicoCelErrors(manifest: any): string[] {
  const errors: string[] = [];
  const spec = manifest.spec ?? {};
  if (manifest.kind === 'Tier') {
    const required: Record<string, string> = { 'default': 'Deny', 'kube-admin': 'Pass', 'kube-baseline': 'Pass' };
    const action = required[manifest.metadata?.name];
    if (action && spec.defaultAction !== action) errors.push(`Tier ${manifest.metadata.name} must have default action ${action}`);
    return errors;
  }
  for (const direction of ['ingress', 'egress']) {
    (spec[direction] ?? []).forEach((rule: any, index: number) => {
      const at = `spec.${direction}[${index}]`;
      if (rule.http && rule.protocol !== undefined && rule.protocol !== 'TCP' && rule.protocol !== 6) errors.push(`${at}: HTTP match needs protocol TCP or unset`);
      if (rule.http && rule.action !== 'Allow') errors.push(`${at}: HTTP match is only valid on Allow rules`);
      const destination = rule.destination ?? {};
      if (destination.services && ((destination.ports ?? []).length > 0 || (destination.notPorts ?? []).length > 0)) errors.push(`${at}: ports with services`);
      for (const field of ['icmp', 'notICMP']) {
        if (rule[field] && rule[field].code !== undefined && rule[field].type === undefined) errors.push(`${at}.${field}: code without type`);
      }
    });
  }
  if (manifest.kind === 'GlobalNetworkPolicy') {
    if (spec.preDNAT && spec.doNotTrack) errors.push('preDNAT and doNotTrack cannot both be true');
    if (spec.preDNAT && (spec.egress ?? []).length > 0) errors.push('preDNAT policy cannot have egress rules');
    if (spec.preDNAT && (spec.types ?? []).includes('Egress')) errors.push("preDNAT policy cannot have 'Egress' type");
    if ((spec.preDNAT || spec.doNotTrack) && !spec.applyOnForward) errors.push('applyOnForward must be true with preDNAT or doNotTrack');
  }
  return errors;
}

/**
 * The checks of each Calico kind by `apiVersion/kind`: its schema, and what the schema does not
 * encode (the shape of the CHECKS table test/apps.test.ts keeps per kind).
 */
export const CALICO_CHECKS: Readonly<Record<string, { validator: () => ValidateFunction; semantic: (manifest: any) => string[] }>> = Object.fromEntries(
  Object.keys(CRD_FILES).map((kind) => [
    `projectcalico.org/v3/${kind}`,
    { validator: () => calicoValidator(kind), semantic: (manifest: any) => [...calicoCelErrors(manifest), ...calicoProblems(manifest)] },
  ]),
);

/** Every reason the API server would reject a Calico object (empty when it accepts it). */
export function calicoApiErrors(manifest: any): string[] {
  const check = CALICO_CHECKS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!check) return [`${manifest.apiVersion}/${manifest.kind} is not a Calico kind this project writes`];
  return [...schemaErrors(check.validator(), manifest), ...check.semantic(manifest)];
}
