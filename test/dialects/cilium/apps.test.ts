import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { APPS } from '../../../apps';
import { DIALECT_CONTEXT_KEY, Manifest, PolicyChart } from '../../../lib';
import { readCilium } from '../../../lib/dialects/cilium/read';
import { meaning } from './meaning';

describe('example apps in the cilium dialect', () => {
  const apps = APPS.filter((definition) => !definition.dialects || definition.dialects.includes('cilium'));

  it.each(apps.map((definition) => [definition.name, definition] as const))('%s reads back to what its intents mean', (_, definition) => {
    const app = Testing.app();
    app.node.setContext(DIALECT_CONTEXT_KEY, 'cilium');
    definition.build(app);
    const charts = app.node.findAll().filter((construct): construct is PolicyChart => construct instanceof PolicyChart);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const { intents, notAnalysed } = readCilium(Testing.synth(chart) as Manifest[]);
      expect(notAnalysed).toEqual([]);
      expect(meaning(intents)).toEqual(meaning(chart.intents));
    }
  });

  it('storefront uses what only Cilium has: FQDN egress, L7 HTTP, the API server entity and a deny that isolates nothing', () => {
    const storefront = APPS.find((definition) => definition.name === 'storefront');
    expect(storefront?.dialects).toEqual(['cilium']);
    const app = Testing.app();
    app.node.setContext(DIALECT_CONTEXT_KEY, 'cilium');
    storefront?.build(app);
    const rules = app.node.findAll().filter((c): c is PolicyChart => c instanceof PolicyChart).flatMap((chart) => chart.intents.flatMap((intent) => intent.rules));
    expect(rules.some((rule) => rule.peers.some((peer) => peer.kind === 'fqdn'))).toBe(true);
    expect(rules.some((rule) => rule.http)).toBe(true);
    expect(rules.some((rule) => rule.peers.some((peer) => peer.kind === 'entity' && peer.entity === 'kube-apiserver'))).toBe(true);
    expect(rules.some((rule) => rule.action === 'deny')).toBe(true);
  });
});
