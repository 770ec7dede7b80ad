// The lint API on what the cdk8s plugin and the report have: a chart's intents, or its synthesized manifests.
import { App, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Peer, Policy, PolicyChart, Port } from '../../lib';
import { lint } from '../../lib/lint';

function chart(dialect: 'kubernetes' | 'calico' | 'cilium'): PolicyChart {
  const app: App = Testing.app();
  const result = new PolicyChart(app, 'shop', { namespace: 'shop', dialect });
  new Policy(result, 'Dns', { select: {} }).allowTo(Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system']), { ports: [Port.udp(53)] });
  return result;
}

describe('lint API', () => {
  it('lints a chart\'s intents without a dialect: the policy by name, its construct path', () => {
    const { findings, notAnalysed } = lint({ intents: chart('kubernetes').intents });
    expect(notAnalysed).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ id: 'dns-udp-only', policy: { kind: 'Policy', namespace: 'shop', name: 'dns' }, constructPath: 'shop/Dns', message: expect.stringMatching(/^egress rule 1 allows UDP 53/) }),
    ]);
  });

  it.each(['kubernetes', 'calico', 'cilium'] as const)('lints a chart\'s intents rendered to %s: the rendered kind, and the construct path kept', (dialect) => {
    const { findings, engine } = lint({ intents: chart(dialect).intents, dialect });
    expect(engine).toBe(dialect);
    expect(findings).toEqual([expect.objectContaining({ id: 'dns-udp-only', constructPath: 'shop/Dns', policy: expect.objectContaining({ name: 'dns', namespace: 'shop' }) })]);
    expect(findings[0].policy?.kind).toBe(dialect === 'kubernetes' ? 'NetworkPolicy' : dialect === 'calico' ? 'NetworkPolicy' : 'CiliumNetworkPolicy');
  });

  it('lints a chart\'s synthesized manifests (what a cdk8s validation plugin gets)', () => {
    const { findings } = lint({ manifests: chart('cilium').toJson() });
    expect(findings.map((finding) => [finding.id, finding.policy])).toEqual([['dns-udp-only', { kind: 'CiliumNetworkPolicy', namespace: 'shop', name: 'dns' }]]);
  });

  it('options.disable silences a check', () => {
    expect(lint({ intents: chart('kubernetes').intents }, { disable: ['dns-udp-only'] }).findings).toEqual([]);
  });
});
