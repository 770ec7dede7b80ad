// One realistic use of every pattern, shared by the snapshot and meaning tests of every dialect.
import {
  AllowApiServer, AllowDns, AllowExternalEgress, AllowFromCidr, AllowFromNamespace, AllowIngressController, AllowMonitoring,
  AllowSameNamespace, CrossNamespace, DefaultDeny, IsolateDatabase, Peer, PolicyChart, Port, StatefulSetPeers, ThreeTier,
} from '../../lib';

export interface PatternCase {
  /** The pattern's name, also the snapshot file's. */
  readonly name: string;
  /** Adds the pattern to a chart in namespace `shop`. */
  readonly build: (chart: PolicyChart) => void;
}

export const PATTERN_CASES: readonly PatternCase[] = [
  { name: 'default-deny', build: (chart) => new DefaultDeny(chart, 'DefaultDeny') },
  { name: 'default-deny-ingress', build: (chart) => new DefaultDeny(chart, 'DenyIngress', { directions: ['ingress'], select: { app: 'web' } }) },
  { name: 'allow-dns', build: (chart) => new AllowDns(chart, 'AllowDns') },
  { name: 'allow-dns-node-local', build: (chart) => new AllowDns(chart, 'AllowDns', { server: { nodeLocalDnsCache: true } }) },
  {
    name: 'three-tier',
    build: (chart) =>
      new ThreeTier(chart, 'Shop', {
        web: { select: { app: 'web' }, ports: [Port.tcp(8080)] },
        app: { select: { app: 'api' }, ports: [Port.tcp(9000)] },
        db: { select: { app: 'postgres' }, ports: [Port.tcp(5432)] },
      }),
  },
  {
    name: 'three-tier-cidr-entry',
    build: (chart) =>
      new ThreeTier(chart, 'Shop', {
        entry: [Peer.cidr('203.0.113.0/24')],
        web: { select: { app: 'web' }, ports: [Port.tcp(443)] },
        app: { select: { app: 'api' }, ports: [Port.tcp(8080)] },
        db: { select: { app: 'redis' }, ports: [Port.tcp(6379)] },
        dns: false,
      }),
  },
  { name: 'allow-same-namespace', build: (chart) => new AllowSameNamespace(chart, 'AllowSameNamespace') },
  { name: 'allow-from-namespace', build: (chart) => new AllowFromNamespace(chart, 'AllowFromFrontend', { select: { app: 'api' }, from: ['frontend'], ports: [Port.tcp(8080)] }) },
  { name: 'allow-ingress-controller', build: (chart) => new AllowIngressController(chart, 'AllowIngress', { select: { app: 'web' }, ports: [Port.tcp(8080)] }) },
  {
    name: 'allow-monitoring',
    build: (chart) =>
      new AllowMonitoring(chart, 'AllowPrometheus', { prometheusPods: { 'app.kubernetes.io/name': 'prometheus' }, ports: [Port.tcp(9090)] }),
  },
  { name: 'allow-external-egress', build: (chart) => new AllowExternalEgress(chart, 'AllowHttps', { select: { app: 'payment' } }) },
  { name: 'allow-from-cidr', build: (chart) => new AllowFromCidr(chart, 'AllowOffice', { select: { app: 'admin' }, cidr: '198.51.100.0/24', except: ['198.51.100.128/25'], ports: [Port.tcp(443)] }) },
  { name: 'allow-api-server', build: (chart) => new AllowApiServer(chart, 'AllowApiServer', { select: { app: 'operator' }, cidrs: ['192.0.2.10/32'] }) },
  { name: 'stateful-set-peers', build: (chart) => new StatefulSetPeers(chart, 'CassandraPeers', { select: { app: 'cassandra' }, ports: [Port.tcp(7000), Port.tcp(9042)] }) },
  {
    name: 'cross-namespace',
    build: (chart) =>
      new CrossNamespace(chart, 'ApiToPayments', {
        client: { namespace: 'api', select: { app: 'api' } },
        server: { namespace: 'payments', select: { app: 'payment-service' } },
        ports: [Port.tcp(8080)],
      }),
  },
  {
    name: 'isolate-database',
    build: (chart) => new IsolateDatabase(chart, 'Postgres', { select: { app: 'postgres' }, ports: [Port.tcp(5432)], clients: [Peer.pods({ app: 'api' })] }),
  },
];
