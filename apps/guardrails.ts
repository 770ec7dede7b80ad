import { App } from 'cdk8s';
import { AllowDns, ClusterDefaultDeny, NetpolAppDefinition, Peer, Policy, PolicyChart, Port, Tier } from '../lib';

/** Calico's security tier: before every team's policies; what it does not deny passes on to them. */
const SECURITY: Tier = { name: 'security', order: 100, defaultAction: 'pass' };

/**
 * Cluster guardrails, Calico only: a cluster-wide default deny (a GlobalNetworkPolicy), a security
 * tier evaluated before the teams' policies (it keeps pods off the cloud metadata endpoint and logs
 * and drops everything of quarantined pods), and in namespace shop an ordered deny that keeps the
 * sandbox namespace away from the api although a later allow lets every namespace in.
 */
export function buildGuardrails(app: App): void {
  const cluster = new PolicyChart(app, 'cluster');
  new ClusterDefaultDeny(cluster, 'ClusterDefaultDeny');
  new Policy(cluster, 'BlockCloudMetadata', {
    clusterWide: true,
    namespaces: { selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
    tier: SECURITY,
    order: 10,
    description: 'No pod outside kube-system reads the cloud metadata endpoint (node credentials)',
  }).denyTo(Peer.cidr('169.254.169.254/32'));
  new Policy(cluster, 'Quarantine', {
    clusterWide: true,
    select: { 'security.example.com/quarantine': 'true' },
    tier: SECURITY,
    order: 20,
    description: 'Quarantined pods: every connection is logged and dropped',
  })
    .logFrom(Peer.any())
    .denyFrom(Peer.any())
    .logTo(Peer.any())
    .denyTo(Peer.any());

  const shop = new PolicyChart(app, 'shop', { namespace: 'shop' });
  new AllowDns(shop, 'AllowDns');
  new Policy(shop, 'DenySandbox', { select: { app: 'api' }, order: 100, description: 'The sandbox never reaches the api, whatever later policies allow' })
    .denyFrom(Peer.namespace('sandbox'));
  new Policy(shop, 'ApiFromCluster', { select: { app: 'api' }, description: 'Every namespace reaches the api on 8080' })
    .allowFrom(Peer.allNamespaces(), { ports: [Port.tcp(8080)] });
}

export const guardrails: NetpolAppDefinition = { name: 'guardrails', dialects: ['calico'], build: buildGuardrails };
