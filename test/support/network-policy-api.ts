// The network-policy-api CRDs (schemas/network-policy-api, SOURCES.md), standard and experimental channels.
import { ValidateFunction } from 'ajv';
import { officialSchema } from '../../lib/cdk8s-plugin/schemas';
import { crdValidator } from './schemas';

// The CRD of a kind and channel, as the dialect's registry entry names it.
function channelValidator(kind: string, channel: 'standard' | 'experimental'): ValidateFunction {
  const schema = officialSchema(kind);
  if (!schema?.experimental || !schema.version) throw new Error(`no channels for ${kind}`);
  return crdValidator(channel === 'standard' ? schema.file : schema.experimental, schema.version);
}

/** The v0.2.0 ClusterNetworkPolicy CRD of a channel. */
export function cnpValidator(channel: 'standard' | 'experimental' = 'standard'): ValidateFunction {
  return channelValidator('policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy', channel);
}

/** The v0.1.8 AdminNetworkPolicy or BaselineAdminNetworkPolicy CRD of the standard channel. */
export function anpValidator(kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy'): ValidateFunction {
  return channelValidator(`policy.networking.k8s.io/v1alpha1/${kind}`, 'standard');
}

// What the CRDs check with CEL (which the JSON schema leaves out) and the renderer must respect.
function celErrors(manifest: any): string[] {
  const errors: string[] = [];
  if (manifest.kind === 'BaselineAdminNetworkPolicy' && manifest.metadata.name !== 'default') errors.push('a BaselineAdminNetworkPolicy is named default');
  for (const direction of ['ingress', 'egress']) {
    for (const rule of manifest.spec?.[direction] ?? []) {
      for (const protocol of rule.protocols ?? []) {
        const range = Object.values(protocol as Record<string, any>)[0]?.destinationPort?.range;
        if (range && !(range.start < range.end)) errors.push(`range ${range.start}-${range.end}: start < end`);
      }
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
        if (Object.keys(peer).length !== 1) errors.push(`a peer has exactly one field: ${JSON.stringify(peer)}`);
      }
    }
  }
  return errors;
}

/** Schema and CEL checks of every kind the kubernetes-cnp and kubernetes-anp dialects write. */
export const NETWORK_POLICY_API_CHECKS: Record<string, { validator: () => ValidateFunction; semantic: (manifest: any) => string[] }> = {
  'policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy': { validator: () => cnpValidator('standard'), semantic: celErrors },
  'policy.networking.k8s.io/v1alpha1/AdminNetworkPolicy': { validator: () => anpValidator('AdminNetworkPolicy'), semantic: celErrors },
  'policy.networking.k8s.io/v1alpha1/BaselineAdminNetworkPolicy': { validator: () => anpValidator('BaselineAdminNetworkPolicy'), semantic: celErrors },
};
