import { App } from 'cdk8s';
import { AllowClusterDns, ClusterDefaultDeny, NetpolAppDefinition, Peer, Policy, PolicyChart, Port, ProtectNamespace } from '../lib';

/**
 * Cluster guardrails in the Kubernetes network-policy-api (kubernetes-cnp; v1alpha1 in
 * kubernetes-anp, and Calico tiers): the platform team protects the vault namespace (only
 * namespaces labelled vault-access reach it, on 8200) and keeps DNS open for every pod (Admin);
 * a cluster default deny (Baseline) covers every pod no namespace isolates; namespace shop allows
 * its own traffic with plain NetworkPolicies.
 */
export function buildClusterGuardrails(app: App): void {
  const cluster = new PolicyChart(app, 'cluster');
  new AllowClusterDns(cluster, 'AllowClusterDns');
  new ProtectNamespace(cluster, 'ProtectVault', {
    namespace: 'vault',
    from: [Peer.namespacesWithLabels({ 'vault-access': 'true' })],
    ports: [Port.tcp(8200)],
  });
  new ClusterDefaultDeny(cluster, 'ClusterDefaultDeny', { ingressFromPodsOnly: true });

  const shop = new PolicyChart(app, 'shop', { namespace: 'shop' });
  new Policy(shop, 'Web', { select: { app: 'web' }, description: 'The storefront: from anywhere on 8443, to the api' })
    .allowFrom(Peer.cidr('0.0.0.0/0'), { ports: [Port.tcp(8443)] })
    .allowTo(Peer.pods({ app: 'api' }), { ports: [Port.tcp(8080)] });
  new Policy(shop, 'Api', { select: { app: 'api' }, description: 'The api: from the storefront, to vault' })
    .allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(8080)] })
    .allowTo(Peer.pods({ app: 'vault' }, ['vault']), { ports: [Port.tcp(8200)] });
}

export const clusterGuardrails: NetpolAppDefinition = {
  name: 'cluster-guardrails',
  dialects: ['kubernetes-cnp', 'kubernetes-anp', 'calico'],
  build: buildClusterGuardrails,
};
