import { App } from 'cdk8s';
import {
  AllowApiServer, AllowDns, AllowExternalEgress, AllowIngressController, DefaultDeny, NetpolAppDefinition, Peer, Policy, PolicyChart, Port,
} from '../lib';

/**
 * A storefront in namespace `storefront`, written for Cilium only: default deny and DNS; the
 * ingress controller -> web -> catalog, where web may only read the catalog API (L7 HTTP);
 * checkout reaches its payment providers by DNS name (FQDN egress); an operator talks to the
 * API server (the kube-apiserver entity); and no pod of the cluster reaches the cloud metadata
 * service (a cluster-wide deny that isolates nothing).
 */
export function buildStorefront(app: App): void {
  const chart = new PolicyChart(app, 'storefront', { namespace: 'storefront' });
  new DefaultDeny(chart, 'DefaultDeny');
  new AllowDns(chart, 'AllowDns');
  new AllowIngressController(chart, 'WebFromIngress', { select: { app: 'web' }, ports: [Port.tcp(8080)] });
  new Policy(chart, 'WebToCatalog', { select: { app: 'web' }, description: 'web calls the catalog API' })
    .allowTo(Peer.pods({ app: 'catalog' }), { ports: [Port.tcp(8080)] });
  new Policy(chart, 'Catalog', { select: { app: 'catalog' }, description: 'web may only read products' })
    .allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(8080)], http: [{ method: 'GET', path: '/api/v1/products(/.*)?' }] });
  new AllowExternalEgress(chart, 'PaymentProviders', { select: { app: 'checkout' }, fqdns: ['api.stripe.com', '*.paypal.com'] });
  new AllowApiServer(chart, 'OperatorToApiServer', { select: { app: 'operator' } });
  new Policy(chart, 'BlockCloudMetadata', {
    clusterWide: true,
    order: 0,
    defaultDeny: false,
    description: 'No pod reaches the cloud metadata service; other egress is left to other policies',
  }).denyTo(Peer.cidr('169.254.169.254/32'));
}

export const storefront: NetpolAppDefinition = { name: 'storefront', dialects: ['cilium'], build: buildStorefront };
