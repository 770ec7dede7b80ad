import { PolicyIntent } from '../../model/intent';
import { Manifest, RenderOptions } from '../manifest';
import { ANP_TARGET, CNP_TARGET } from './api';
import { renderClusterPolicies } from './render';

/** kubernetes-cnp: NetworkPolicies and v1alpha2 ClusterNetworkPolicies. */
export function renderCnp(intents: readonly PolicyIntent[], options?: RenderOptions): Manifest[] {
  return renderClusterPolicies(CNP_TARGET, intents, options);
}

/** kubernetes-anp: NetworkPolicies, v1alpha1 AdminNetworkPolicies and the BaselineAdminNetworkPolicy `default`. */
export function renderAnp(intents: readonly PolicyIntent[], options?: RenderOptions): Manifest[] {
  return renderClusterPolicies(ANP_TARGET, intents, options);
}
