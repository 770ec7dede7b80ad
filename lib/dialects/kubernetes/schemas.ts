import { OfficialSchema } from '../official-schema';

/** The NetworkPolicy schema (derived from the Kubernetes OpenAPI document, schemas/SOURCES.md). */
export const KUBERNETES_SCHEMAS: readonly OfficialSchema[] = [{ kind: 'networking.k8s.io/v1/NetworkPolicy', file: 'kubernetes/networkpolicy-networking-v1.json' }];
