import { ManifestCheck } from '../lint-check';
import { isNetworkPolicy } from './read';

/** `policyTypes: []` reads as if absent, which is rarely what its author meant. */
export const EMPTY_POLICY_TYPES: ManifestCheck = {
  id: 'empty-policy-types',
  severity: 'warning',
  summary: 'a NetworkPolicy with an empty policyTypes list',
  why: 'the API server defaults an empty policyTypes as if it were absent: Ingress always, Egress only when egress rules exist',
  fix: 'list the directions the policy isolates, e.g. policyTypes: [Ingress, Egress]',
  check: (manifest) => {
    const types = (manifest.spec as Record<string, unknown> | undefined)?.policyTypes;
    if (!isNetworkPolicy(manifest) || !Array.isArray(types) || types.length > 0) return [];
    return [{ field: 'spec.policyTypes', message: 'policyTypes is empty, so the policy isolates Ingress (and Egress only if it has egress rules)' }];
  },
};

/** The checks of Kubernetes NetworkPolicy YAML, which every engine enforces. */
export const KUBERNETES_LINT_CHECKS: readonly ManifestCheck[] = [EMPTY_POLICY_TYPES];
