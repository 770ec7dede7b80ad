import { NetpolAppDefinition } from '../lib';
import { clusterGuardrails } from './cluster-guardrails';
import { guardrails } from './guardrails';
import { microservices } from './microservices';
import { shop } from './shop';
import { storefront } from './storefront';

/** The example apps `npm run synth` writes to dist/<dialect>/<app>/. */
export const APPS: readonly NetpolAppDefinition[] = [shop, microservices, guardrails, storefront, clusterGuardrails];
