// The cluster patterns (ProtectNamespace, AllowClusterDns, ClusterDefaultDeny with ingressFromPodsOnly)
// mean the same in every dialect that can say them (calico, kubernetes-cnp, kubernetes-anp), read
// back from YAML and evaluated, and fail with the capability error in the others.
import { describe, expect, it } from 'vitest';
import { AllowClusterDns, ClusterDefaultDeny, DefaultDeny, DialectName, Peer, PolicyChart, Port, ProtectNamespace } from '../../lib';
import { netpolMatchers, ReachTable } from '../../lib/testing';
import { synthError, testChart } from '../support/synth';

expect.extend(netpolMatchers);

const NONE = 'No Connections';
const ALL = 'All Connections';
const DNS = 'TCP 53,UDP 53';
const CAN: readonly DialectName[] = ['calico', 'kubernetes-cnp', 'kubernetes-anp'];

const CASES: { name: string; build: (chart: PolicyChart) => void; meaning: ReachTable }[] = [
  {
    name: 'ProtectNamespace',
    build: (chart) => new ProtectNamespace(chart, 'ProtectShop', { namespace: 'shop', from: [Peer.namespace('frontend')], ports: [Port.tcp(8080)] }),
    meaning: {
      'frontend/frontend => shop/web': 'TCP 8080',
      'api/api => shop/web': NONE,
      'shop/api => shop/web': ALL,
      '8.8.8.8 => shop/web': ALL,
      'shop/web => api/api': ALL,
    },
  },
  {
    name: 'ProtectNamespace with no one admitted but its own pods',
    build: (chart) => new ProtectNamespace(chart, 'ProtectShop', { namespace: 'shop', from: [] }),
    meaning: { 'frontend/frontend => shop/web': NONE, 'shop/api => shop/web': ALL },
  },
  {
    name: 'ProtectNamespace passing the admitted to the namespace',
    build: (chart) => {
      new ProtectNamespace(chart, 'ProtectShop', { namespace: 'shop', from: [Peer.namespace('frontend')], admit: 'pass' });
      new DefaultDeny(chart, 'DenyWeb', { select: { app: 'web' }, directions: ['ingress'] });
    },
    meaning: {
      'frontend/frontend => shop/web': NONE,
      'frontend/frontend => shop/api': ALL,
      'api/api => shop/api': NONE,
    },
  },
  {
    name: 'AllowClusterDns beats a namespace that cuts egress off',
    build: (chart) => {
      new AllowClusterDns(chart, 'AllowClusterDns');
      new DefaultDeny(chart, 'DefaultDeny');
    },
    meaning: {
      'shop/web => kube-system/coredns': DNS,
      'shop/web => shop/api': NONE,
      'api/api => frontend/frontend': ALL,
    },
  },
  {
    name: 'ClusterDefaultDeny, ingress from pods only',
    build: (chart) => {
      new ClusterDefaultDeny(chart, 'ClusterDefaultDeny', { ingressFromPodsOnly: true });
      new AllowClusterDns(chart, 'AllowClusterDns');
      new DefaultDeny(chart, 'DenyWebIngress', { select: { app: 'web' }, directions: ['ingress'] });
    },
    meaning: {
      'frontend/frontend => api/api': NONE,
      'frontend/frontend => kube-system/coredns': DNS,
      '8.8.8.8 => api/api': ALL,
      '8.8.8.8 => shop/web': NONE,
      'api/api => 8.8.8.8': NONE,
      'kube-system/coredns => 8.8.8.8': ALL,
    },
  },
];

describe.each(CAN)('cluster patterns (%s)', (dialect) => {
  it.each(CASES)('$name', ({ build, meaning }) => {
    const chart = testChart(dialect);
    build(chart);
    expect(chart).toHaveReachability(meaning);
  });
});

describe('cluster patterns where they cannot be said', () => {
  it.each(['kubernetes', 'cilium'] as const)('%s refuses them, naming the dialects that can', (dialect) => {
    expect(synthError(dialect, (chart) => new ProtectNamespace(chart, 'P', { namespace: 'shop', from: [Peer.namespace('frontend')] }))).toContain(
      `test/P/Policy: tier: tiers cannot be expressed exactly in the ${dialect} dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)`,
    );
    expect(synthError(dialect, (chart) => new AllowClusterDns(chart, 'D'))).toContain(`test/D/Policy: tier: tiers cannot be expressed exactly in the ${dialect} dialect`);
  });

  it('kubernetes-cnp refuses ClusterDefaultDeny isolating ingress: a Deny-all from pods misses nodes and outside traffic', () => {
    expect(synthError('kubernetes-cnp', (chart) => new ClusterDefaultDeny(chart, 'C'))).toContain('test/C/Policy: isolate: ingress isolation has no exact cluster-tier form');
  });
});
