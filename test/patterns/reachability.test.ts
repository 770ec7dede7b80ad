// What every pattern means, in every registered dialect: who reaches whom in a small cluster,
// evaluated from the chart's YAML read back with the dialect's reader.
import { describe, expect, it } from 'vitest';
import { DialectName, DIALECTS } from '../../lib';
import { netpolMatchers, ReachTable } from '../../lib/testing';
import { PATTERN_CASES } from '../support/pattern-cases';
import { testChart } from '../support/synth';

expect.extend(netpolMatchers);

const DNS = 'TCP 53,UDP 53';
const NONE = 'No Connections';
const ALL = 'All Connections';

/** Who reaches whom under each pattern of PATTERN_CASES (built in namespace shop). */
const MEANING: Readonly<Record<string, ReachTable>> = {
  'default-deny': {
    'shop/web => shop/api': NONE,
    'frontend/frontend => shop/web': NONE,
    'shop/web => frontend/frontend': NONE,
    'shop/web => 8.8.8.8': NONE,
    'frontend/frontend => api/api': ALL,
  },
  'default-deny-ingress': {
    'frontend/frontend => shop/web': NONE,
    '8.8.8.8 => shop/web': NONE,
    'shop/web => frontend/frontend': ALL,
    'frontend/frontend => shop/api': ALL,
  },
  'allow-dns': {
    'shop/web => kube-system/coredns': DNS,
    'shop/web => shop/api': NONE,
    'shop/web => 8.8.8.8': NONE,
    'frontend/frontend => shop/web': ALL,
  },
  'allow-dns-node-local': {
    'shop/web => kube-system/coredns': DNS,
    'shop/web => 169.254.20.10': DNS,
    'shop/web => 169.254.20.11': NONE,
  },
  'three-tier': {
    'ingress-nginx/ingress-nginx-controller => shop/web': 'TCP 8080',
    'shop/web => shop/api': 'TCP 9000',
    'shop/api => shop/postgres': 'TCP 5432',
    'shop/web => shop/postgres': NONE,
    'shop/postgres => shop/api': NONE,
    'frontend/frontend => shop/web': NONE,
    'shop/postgres => kube-system/coredns': DNS,
    'shop/web => 8.8.8.8': NONE,
  },
  'three-tier-cidr-entry': {
    '203.0.113.7 => shop/web': 'TCP 443',
    '198.51.100.7 => shop/web': NONE,
    'ingress-nginx/ingress-nginx-controller => shop/web': NONE,
    'shop/web => shop/api': 'TCP 8080',
    'shop/api => shop/redis': 'TCP 6379',
    'shop/web => kube-system/coredns': NONE,
  },
  'allow-same-namespace': {
    'shop/web => shop/api': ALL,
    'frontend/frontend => shop/web': NONE,
    'shop/web => frontend/frontend': NONE,
    'shop/web => 8.8.8.8': NONE,
  },
  'allow-from-namespace': {
    'frontend/frontend => shop/api': 'TCP 8080',
    'shop/web => shop/api': NONE,
    'frontend/frontend => shop/web': ALL,
  },
  'allow-ingress-controller': {
    'ingress-nginx/ingress-nginx-controller => shop/web': 'TCP 8080',
    'frontend/frontend => shop/web': NONE,
    'shop/api => shop/web': NONE,
  },
  'allow-monitoring': {
    'monitoring/prometheus => shop/web': 'TCP 9090',
    'monitoring/prometheus => shop/api': 'TCP 9090',
    'frontend/frontend => shop/api': NONE,
  },
  'allow-external-egress': {
    'shop/payment => 8.8.8.8': 'TCP 443',
    'shop/payment => 10.1.2.3': NONE,
    'shop/payment => 192.168.0.1': NONE,
    'shop/payment => kube-system/coredns': DNS,
    'shop/payment => shop/api': NONE,
    'shop/web => 8.8.8.8': ALL,
  },
  'allow-from-cidr': {
    '198.51.100.7 => shop/admin': 'TCP 443',
    '198.51.100.200 => shop/admin': NONE,
    'shop/web => shop/admin': NONE,
  },
  'allow-api-server': {
    'shop/operator => 192.0.2.10': 'TCP 443,6443',
    'shop/operator => 192.0.2.11': NONE,
    'shop/operator => shop/api': NONE,
  },
  'stateful-set-peers': {
    'shop/cassandra => shop/cassandra': 'TCP 7000,9042',
    'shop/web => shop/cassandra': NONE,
    'shop/cassandra => shop/web': NONE,
    'shop/cassandra => kube-system/coredns': DNS,
  },
  'cross-namespace': {
    'api/api => payments/payment-service': 'TCP 8080',
    'frontend/frontend => payments/payment-service': NONE,
    'api/api => frontend/frontend': NONE,
    'api/api => kube-system/coredns': DNS,
  },
  'isolate-database': {
    'shop/api => shop/postgres': 'TCP 5432',
    'shop/web => shop/postgres': NONE,
    'shop/postgres => shop/api': NONE,
    'shop/postgres => kube-system/coredns': DNS,
  },
};

describe('every pattern has a meaning test', () => {
  it('covers each entry of PATTERN_CASES', () => {
    expect(Object.keys(MEANING).sort()).toEqual(PATTERN_CASES.map((entry) => entry.name).sort());
  });
});

describe.each(Object.keys(DIALECTS) as DialectName[])('what each pattern means (%s)', (dialect) => {
  it.each(PATTERN_CASES)('$name', ({ name, build }) => {
    const chart = testChart(dialect);
    build(chart);
    expect(chart).toHaveReachability(MEANING[name]);
  });
});
