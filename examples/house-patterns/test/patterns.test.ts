// What the house patterns mean, checked with cdk8s-netpol's matchers on its small test cluster.
import { App } from 'cdk8s';
import { DialectName, PolicyChart, Port } from 'cdk8s-netpol';
import { netpolMatchers } from 'cdk8s-netpol/testing';
import { describe, expect, it } from 'vitest';
import { PciZone, TeamNamespace } from '../src';

expect.extend(netpolMatchers);

const DIALECTS: DialectName[] = ['kubernetes', 'calico', 'cilium'];

describe.each(DIALECTS)('in %s', (dialect) => {
  it('TeamNamespace: same namespace, DNS, Prometheus and the ingress controller get in; nothing else', () => {
    const chart = new PolicyChart(new App(), 'shop', { namespace: 'shop', dialect });
    new TeamNamespace(chart, 'Shop', { exposed: { app: 'web' }, exposedPorts: [Port.tcp(8080)] });
    expect(chart).toAllow({ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' });
    expect(chart).toAllow({ from: 'shop/api', to: 'kube-system/coredns', port: 'UDP/53' });
    expect(chart).toAllow({ from: 'monitoring/prometheus', to: 'shop/api', port: 'TCP/9090' });
    expect(chart).toAllow({ from: 'ingress-nginx/ingress-nginx-controller', to: 'shop/web', port: 'TCP/8080' });
    expect(chart).toDeny({ from: 'ingress-nginx/ingress-nginx-controller', to: 'shop/api' });
    expect(chart).toDeny({ from: 'frontend/frontend', to: 'shop/web' });
    expect(chart).toDeny({ from: 'shop/web', to: '8.8.8.8' });
  });

  it('PciZone: only the named clients reach the zone, on its ports; the zone reaches nothing but DNS', () => {
    const chart = new PolicyChart(new App(), 'cards', { namespace: 'payments', dialect });
    new PciZone(chart, 'Cards', { namespace: 'payments', clients: [{ namespace: 'shop', pods: { app: 'api' } }], ports: [Port.tcp(8080)] });
    expect(chart).toAllow({ from: 'shop/api', to: 'payments/payment-service', port: 'TCP/8080' });
    expect(chart).toDeny({ from: 'shop/api', to: 'payments/payment-service', port: 'TCP/9000' });
    expect(chart).toDeny({ from: 'shop/web', to: 'payments/payment-service' });
    expect(chart).toDeny({ from: 'monitoring/prometheus', to: 'payments/payment-service' });
    expect(chart).toAllow({ from: 'payments/payment-service', to: 'kube-system/coredns', port: 'UDP/53' });
    expect(chart).toDeny({ from: 'payments/payment-service', to: 'shop/api' });
  });
});
