import { App } from 'cdk8s';
import {
  AllowDns, AllowExternalEgress, AllowIngressController, AllowMonitoring, DefaultDeny, NetpolAppDefinition, Peer, Policy,
  PolicyChart, Port, ThreeTier,
} from '../lib';

/**
 * A shop in namespace `production`: default deny, DNS for every pod, the ingress controller ->
 * web -> api -> db, Prometheus scraping web and api, and a payment service that api calls and
 * that reaches the payment provider over HTTPS.
 */
export function buildShop(app: App): void {
  const chart = new PolicyChart(app, 'shop', { namespace: 'production' });
  new DefaultDeny(chart, 'DefaultDeny');
  new AllowDns(chart, 'AllowDns');
  new ThreeTier(chart, 'Shop', {
    entry: [Peer.pods({ 'app.kubernetes.io/name': 'ingress-nginx' }, ['ingress-nginx'])],
    web: { select: { app: 'web' }, ports: [Port.tcp(8080)] },
    app: { select: { app: 'api' }, ports: [Port.tcp(8080)] },
    db: { select: { app: 'postgres' }, ports: [Port.tcp(5432)] },
    dns: false, // AllowDns covers every pod of the namespace
  });
  new AllowMonitoring(chart, 'AllowPrometheus', {
    select: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api', 'payment'] }] },
    prometheusPods: { 'app.kubernetes.io/name': 'prometheus' },
    ports: [Port.tcp('metrics')],
  });
  new Policy(chart, 'ApiToPayment', { select: { app: 'api' }, description: 'api calls the payment service' })
    .allowTo(Peer.pods({ app: 'payment' }), { ports: [Port.tcp(8443)] });
  new Policy(chart, 'Payment', { select: { app: 'payment' }, description: 'payment serves api only' })
    .allowFrom(Peer.pods({ app: 'api' }), { ports: [Port.tcp(8443)] });
  new AllowExternalEgress(chart, 'PaymentProvider', { select: { app: 'payment' }, dns: false });
  new AllowIngressController(chart, 'AllowIngress', {
    select: { app: 'web' },
    controllerPods: { 'app.kubernetes.io/name': 'ingress-nginx' },
    ports: [Port.tcp(8080)],
  });
}

export const shop: NetpolAppDefinition = { name: 'shop', build: buildShop };
