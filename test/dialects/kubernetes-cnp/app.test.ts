// The cluster-guardrails example app: the same PolicyChart code in calico, kubernetes-cnp and
// kubernetes-anp means the same (dist/ read back by netpol reach), and explain names the tier,
// policy, rule and action that decided.
import { describe, expect, it } from 'vitest';
import { runNetpol as run } from '../../support/cli';

const WORKLOADS = ['apps/workloads/platform.yaml', 'apps/workloads/cluster-guardrails.yaml'];

describe('cluster-guardrails', () => {
  it('reads the same in every dialect it is written in', async () => {
    const outputs = await Promise.all(['calico', 'kubernetes-cnp', 'kubernetes-anp'].map(async (dialect) => (await run(['reach', `dist/${dialect}/cluster-guardrails`, ...WORKLOADS])).out));
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    const lines = outputs[0].split('\n');
    // Only namespaces labelled vault-access reach vault, on 8200; DNS is open to all; nothing else leaves the sandbox.
    expect(lines).toContain('shop/api[Deployment] => vault/vault[StatefulSet] : TCP 8200');
    expect(lines.filter((line) => line.startsWith('sandbox/experiments[Deployment] =>'))).toEqual(['sandbox/experiments[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53']);
    // No other pod reaches vault; traffic from outside the cluster does (the guardrails deny pods only, as documented).
    expect(lines.filter((line) => line.includes('=> vault/vault'))).toEqual([
      '0.0.0.0-255.255.255.255[External] => vault/vault[StatefulSet] : All Connections',
      'shop/api[Deployment] => vault/vault[StatefulSet] : TCP 8200',
    ]);
  });

  it('explain names the ClusterNetworkPolicy, its tier and priority, the rule and the action that decided', async () => {
    const { out } = await run(['explain', 'dist/kubernetes-cnp/cluster-guardrails', ...WORKLOADS, '--from', 'sandbox/experiments', '--to', 'vault/vault', '--port', 'TCP/8200']);
    expect(out).toContain('TCP 8200: denied by ClusterNetworkPolicy cluster-default-deny (Baseline tier, priority 0) egress[0] ("default-deny")');
    expect(out).toContain('TCP 8200: denied by ClusterNetworkPolicy protect-vault (Admin tier, priority 1) ingress[2] ("every other pod")');
  });
});
