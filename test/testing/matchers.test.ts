// The vitest matchers: they evaluate what a chart's YAML means, and say why when they fail.
import { ApiObject } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AllowDns, DefaultDeny, Peer, Policy, Port } from '../../lib';
import { fixtureWorkloads, netpolMatchers } from '../../lib/testing';
import { testChart } from '../support/synth';

expect.extend(netpolMatchers);

function shopChart() {
  const chart = testChart('kubernetes');
  new DefaultDeny(chart, 'DefaultDeny');
  new AllowDns(chart, 'AllowDns');
  new Policy(chart, 'WebToApi', { select: { app: 'web' } }).allowTo(Peer.pods({ app: 'api' }), { ports: [Port.tcp(8080)] });
  new Policy(chart, 'ApiFromWeb', { select: { app: 'api' } }).allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp('http')] });
  return chart;
}

describe('toAllow and toDeny', () => {
  it('pass on what the chart allows and denies, in the default small cluster', () => {
    const chart = shopChart();
    expect(chart).toAllow({ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' });
    expect(chart).toAllow({ from: 'shop/web', to: 'kube-system/coredns', port: 'UDP/53' });
    expect(chart).toDeny({ from: 'shop/web', to: 'shop/api', port: 'TCP/9000' });
    expect(chart).toDeny({ from: 'shop/web', to: 'shop/postgres' });
    expect(chart).toDeny({ from: 'shop/web', to: '8.8.8.8' });
    expect(chart).not.toAllow({ from: 'shop/web', to: 'shop/api' });
  });

  it('name the lack of a rule when a connection is denied', () => {
    expect(() => expect(shopChart()).toAllow({ from: 'shop/web', to: 'shop/postgres', port: 'TCP/5432' })).toThrow(
      /expected shop\/web\[Deployment\] => shop\/postgres\[StatefulSet\] to be allowed:[\s\S]*TCP 5432: denied: no rule allows it, and NetworkPolicy shop\/allow-dns, NetworkPolicy shop\/default-deny, NetworkPolicy shop\/web-to-api isolate egress/,
    );
  });

  it('name the rule that allows a connection expected to be denied', () => {
    expect(() => expect(shopChart()).toDeny({ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' })).toThrow(
      /TCP 8080: allowed by NetworkPolicy shop\/web-to-api egress\[0\][\s\S]*TCP 8080: allowed by NetworkPolicy shop\/api-from-web ingress\[0\]/,
    );
  });

  it('take YAML with its own workloads, or workloads given', () => {
    const yaml = [
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: a}\nspec: {containers: [{name: c}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: y, namespace: b}\nspec: {containers: [{name: c}]}',
    ].join('\n---\n');
    expect(yaml).toDeny({ from: 'b/y', to: 'a/x' });
    expect(yaml).toAllow({ from: 'a/x', to: 'b/y' });
    const workloads = fixtureWorkloads({ pods: { 'a/z': {}, 'c/w': {} } });
    expect({ policies: yaml, workloads }).toDeny({ from: 'c/w', to: 'a/z' });
  });

  it('refuse to vouch for anything when a policy was not analysed', () => {
    const yaml = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: odd, namespace: shop}\nspec: {podSelector: {}, ingress: [{ports: [{protocol: ICMP}]}]}';
    expect(() => expect(yaml).toAllow({ from: 'shop/web', to: 'shop/api' })).toThrow(/not analysed[\s\S]*NetworkPolicy shop\/odd: protocol "ICMP"/);
    // `.not` must not turn the refusal into a pass.
    expect(() => expect(yaml).not.toAllow({ from: 'shop/web', to: 'shop/api' })).toThrow(/not analysed/);
    expect(() => expect(yaml).not.toDeny({ from: 'shop/web', to: 'shop/api' })).toThrow(/not analysed/);
    expect(() => expect(yaml).not.toHaveReachability({ 'shop/web => shop/api': 'TCP 1' })).toThrow(/not analysed/);
  });

  it('refuse likewise for a chart that holds a hand-written policy the analysis does not model', () => {
    const chart = shopChart();
    new ApiObject(chart, 'Odd', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'odd' }, spec: { podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] } } as any);
    expect(() => expect(chart).toDeny({ from: 'shop/web', to: 'shop/db' })).toThrow(/not analysed[\s\S]*NetworkPolicy shop\/odd: protocol "ICMP"/);
    expect(() => expect(chart).not.toAllow({ from: 'shop/web', to: 'shop/db' })).toThrow(/not analysed/);
  });

  it('check every block of a CIDR', () => {
    const chart = testChart('kubernetes');
    new Policy(chart, 'Out', { select: { app: 'web' } }).allowTo(Peer.cidr('10.0.0.0/8', ['10.1.0.0/16']));
    expect(chart).toAllow({ from: 'shop/web', to: '10.2.0.0/16' });
    expect(chart).not.toAllow({ from: 'shop/web', to: '10.0.0.0/8' });
    expect(chart).not.toDeny({ from: 'shop/web', to: '10.0.0.0/8' });
  });
});

describe('toHaveReachability', () => {
  it('passes on a truth table of the connections as reach prints them', () => {
    expect(shopChart()).toHaveReachability({
      'shop/web => shop/api': 'TCP 8080',
      'shop/api => shop/web': 'No Connections',
      'shop/web => kube-system/coredns': 'TCP 53,UDP 53',
      'kube-system/coredns => ingress-nginx/ingress-nginx-controller': 'All Connections',
    });
  });

  it('explains every row that differs', () => {
    expect(() => expect(shopChart()).toHaveReachability({ 'shop/web => shop/api': 'TCP 8080,9000', 'shop/api => shop/web': 'No Connections' })).toThrow(
      /shop\/web\[Deployment\] => shop\/api\[Deployment\]: expected TCP 8080,9000, got TCP 8080\n/,
    );
  });
});
