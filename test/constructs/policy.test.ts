import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import { describe, expect, it, vi } from 'vitest';
import { DefaultDeny, DIALECT_CONTEXT_KEY, Peer, Policy, PolicyChart, Port } from '../../lib';
import { policyNameFromId } from '../../lib/constructs/names';
import { testChart } from '../support/synth';

describe('Policy', () => {
  it('names itself after its construct id, in kebab-case', () => {
    expect(['AllowDns', 'web', 'APIServer', 'web_tier', 'Tier2Db'].map(policyNameFromId)).toEqual(['allow-dns', 'web', 'api-server', 'web-tier', 'tier2-db']);
  });

  it('builds an intent with the namespace of its chart, and isolates the directions it has rules for', () => {
    const policy = new Policy(testChart('kubernetes'), 'Web', { select: { app: 'web' } })
      .allowFrom(Peer.pods({ app: 'lb' }), { ports: [Port.tcp(80)] });
    expect(policy.intent).toEqual({
      name: 'web',
      scope: { namespace: 'shop' },
      subject: { pods: { matchLabels: { app: 'web' } } },
      isolate: ['ingress'],
      rules: [{ direction: 'ingress', action: 'allow', peers: [Peer.pods({ app: 'lb' })], ports: [Port.tcp(80)] }],
      path: 'test/Web',
    });
  });

  it('adds isolation without rules, and allows without isolating only when told', () => {
    const chart = testChart('kubernetes');
    expect(new Policy(chart, 'A', { isolate: ['egress'] }).allowFrom(Peer.any()).intent.isolate).toEqual(['ingress', 'egress']);
    expect(new Policy(chart, 'B', { defaultDeny: false }).allowFrom(Peer.any()).intent.isolate).toEqual([]);
    expect(new Policy(chart, 'C').isolate('egress').intent.isolate).toEqual(['egress']);
  });

  it('validates every call at once, naming the construct path and the field', () => {
    const policy = new Policy(testChart('kubernetes'), 'Web');
    expect(() => policy.allowFrom(Peer.cidr('10.0.0.1/8'))).toThrow('test/Web: rules[0].peers[0].cidr: "10.0.0.1/8" has host bits set: the network is 10.0.0.0/8');
    expect(() => policy.allowTo(Peer.any(), { ports: [Port.tcp(8080, 80)] })).toThrow('test/Web: rules[0].ports[0].endPort: 80 is not a valid end');
    expect(() => new Policy(testChart('kubernetes'), 'Bad', { select: { 'a/b/c': 'x' } })).toThrow('test/Bad: subject.pods.matchLabels["a/b/c"]');
    expect(() => new Policy(testChart('kubernetes'), 'Name', { name: 'Web_1' })).toThrow('test/Name: name: "Web_1" is not a DNS-1123 label');
  });

  it('keeps nothing of a call that failed', () => {
    const policy = new Policy(testChart('kubernetes'), 'Web').allowFrom(Peer.pods({ app: 'a' }));
    expect(() => policy.allowFrom(Peer.cidr('bad'))).toThrow();
    expect(policy.intent.rules).toHaveLength(1);
  });

  it('refuses an empty peer list instead of reading it as "any"', () => {
    expect(() => new Policy(testChart('kubernetes'), 'Web').allowFrom([])).toThrow('test/Web: allow from an empty list of peers: pass Peer.any() to mean every peer');
  });

  it('reads Peer.any() as a rule with no peers', () => {
    expect(new Policy(testChart('kubernetes'), 'Web').allowFrom(Peer.any(), { ports: [Port.tcp(80)] }).intent.rules[0].peers).toEqual([]);
  });

  it('needs an order for a deny rule', () => {
    expect(() => new Policy(testChart('kubernetes'), 'Deny').denyFrom(Peer.any())).toThrow("test/Deny: rules[0].action: a deny rule needs the policy's order");
    expect(new Policy(testChart('kubernetes'), 'Deny', { order: 10 }).denyFrom(Peer.any()).intent.order).toBe(10);
  });

  it('adds the DNS rule FQDN peers need, once', () => {
    const policy = new Policy(testChart('kubernetes'), 'Out').allowTo(Peer.fqdn('a.example.com'), { ports: [Port.tcp(443)] }).allowTo(Peer.fqdn('b.example.com'));
    const dnsRules = policy.intent.rules.filter((rule) => rule.dns);
    expect(dnsRules).toEqual([
      {
        direction: 'egress',
        action: 'allow',
        peers: [Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system'])],
        ports: [Port.udp(53), Port.tcp(53)],
        dns: [{ pattern: '*' }],
        description: 'DNS through the proxy, so FQDN peers learn their addresses',
        origin: 'the DNS rule that FQDN peers need (added for rules[0])',
      },
    ]);
  });

  it('needs a namespace, and a cluster-wide policy has none', () => {
    const chart = new PolicyChart(Testing.app(), 'nons');
    expect(() => new Policy(chart, 'Web')).toThrow('nons/Web: no namespace: give the policy a namespace, or its PolicyChart a default one');
    expect(new Policy(chart, 'Ns', { namespace: 'a' }).intent.scope).toEqual({ namespace: 'a' });
    expect(() => new Policy(chart, 'Cw', { clusterWide: true, namespace: 'a' })).toThrow('nons/Cw: namespace: a cluster-wide policy has no namespace');
    expect(new Policy(chart, 'Cw2', { clusterWide: true, namespaces: ['a'] }).intent).toMatchObject({ scope: 'cluster', subject: { pods: {}, namespaces: { names: ['a'] } } });
  });

  it('must live in a PolicyChart', () => {
    expect(() => new Policy(new Chart(Testing.app(), 'plain'), 'Web')).toThrow('plain/Web: policies must be defined inside a PolicyChart');
  });
});

describe('PolicyChart', () => {
  it('takes its dialect from its props, else the app context, else kubernetes', () => {
    expect(new PolicyChart(Testing.app(), 'a').dialect).toBe('kubernetes');
    const app = Testing.app();
    app.node.setContext(DIALECT_CONTEXT_KEY, 'cilium');
    expect(new PolicyChart(app, 'b').dialect).toBe('cilium');
    expect(new PolicyChart(app, 'c', { dialect: 'calico' }).dialect).toBe('calico');
    expect(() => new PolicyChart(Testing.app(), 'd', { dialect: 'iptables' as any })).toThrow('d: dialect: "iptables" is not one of kubernetes, calico, cilium');
  });

  it('tells PolicyCharts from plain Charts', () => {
    const app = Testing.app();
    expect(new Chart(app, 'plain') instanceof PolicyChart).toBe(false);
    expect(new PolicyChart(app, 'policies') instanceof PolicyChart).toBe(true);
    expect(new PolicyChart(app, 'also') instanceof Chart).toBe(true);
  });

  it('writes ApiObjects added to the chart first, then the policies, with the chart labels', () => {
    const chart = new PolicyChart(Testing.app(), 'mixed', { namespace: 'shop', labels: { team: 'platform' } });
    new ApiObject(chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    new DefaultDeny(chart, 'DefaultDeny');
    const manifests = Testing.synth(chart);
    expect(manifests.map((manifest) => [manifest.kind, manifest.metadata.name, manifest.metadata.labels])).toEqual([
      ['ConfigMap', 'settings', { team: 'platform' }],
      ['NetworkPolicy', 'default-deny', { team: 'platform' }],
    ]);
  });

  it('refuses the one cdk8s output type that would leave its policies out', () => {
    const app = new App({ outdir: Testing.app().outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    new DefaultDeny(new PolicyChart(app, 'c', { namespace: 'shop' }), 'DefaultDeny');
    expect(() => app.synth()).toThrow('FOLDER_PER_CHART_FILE_PER_RESOURCE output type leaves out');
  });

  it('fails the synth for a policy that neither isolates nor allows', () => {
    const chart = testChart('kubernetes');
    new Policy(chart, 'Nothing');
    expect(() => Testing.synth(chart)).toThrow('test/Nothing: the policy neither isolates nor allows anything');
  });

  it('fails the synth for two policies with one name in one namespace, naming both paths, across charts', () => {
    const app = new App({ outdir: Testing.app().outdir });
    new DefaultDeny(new PolicyChart(app, 'one', { namespace: 'shop' }), 'Deny', { name: 'same' });
    const two = new PolicyChart(app, 'two', { namespace: 'shop' });
    new DefaultDeny(two, 'Deny', { name: 'same' });
    new DefaultDeny(two, 'Other', { name: 'same', namespace: 'other' });
    expect(() => Testing.synth(two)).toThrow('two/Deny/Policy: name: another policy in namespace shop is already named "same" (one/Deny/Policy): give one of them another name');
  });

  it('names the first of two policies with one name in one chart, on the second', () => {
    const chart = testChart('kubernetes');
    new DefaultDeny(chart, 'First', { name: 'same' });
    new DefaultDeny(chart, 'Second', { name: 'same' });
    const problems = () => Testing.synth(chart);
    expect(problems).toThrow('test/Second/Policy: name: another policy in namespace shop is already named "same" (test/First/Policy)');
    expect(problems).not.toThrow('test/First/Policy: name');
  });

  it('checks a chart added after a synth against the charts before it', () => {
    const app = new App({ outdir: Testing.app().outdir });
    new DefaultDeny(new PolicyChart(app, 'one', { namespace: 'shop' }), 'Deny', { name: 'same' });
    expect(() => app.synth()).not.toThrow();
    new PolicyChart(app, 'empty', { namespace: 'shop' });
    expect(() => app.synth()).not.toThrow();
    new DefaultDeny(new PolicyChart(app, 'two', { namespace: 'shop' }), 'Deny', { name: 'same' });
    expect(() => app.synth()).toThrow('two/Deny/Policy: name: another policy in namespace shop is already named "same" (one/Deny/Policy)');
  });

  it("makes each chart's intents once per synth, however many charts the app has", () => {
    const app = new App({ outdir: Testing.app().outdir });
    const charts = 40;
    for (let index = 0; index < charts; index++) new DefaultDeny(new PolicyChart(app, `chart-${index}`, { namespace: `team-${index}` }), 'Deny');
    const policies = vi.spyOn(PolicyChart.prototype, 'policies', 'get');
    try {
      app.synth();
      // Each chart once, not once per chart per chart: an app of many charts took time quadratic in them.
      expect(policies).toHaveBeenCalledTimes(charts);
    } finally {
      policies.mockRestore();
    }
  });

  it('does not write a policy removed after a synth (node.tryRemoveChild), nor defer to one', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new PolicyChart(app, 'shop', { namespace: 'shop' });
    new DefaultDeny(chart, 'Deny');
    new Policy(chart, 'Web').allowFrom(Peer.any());
    const other = new PolicyChart(app, 'other', { namespace: 'shop' });
    new Policy(other, 'Web').allowFrom(Peer.any());
    expect(() => app.synth()).toThrow('other/Web: name: another policy in namespace shop is already named "web" (shop/Web)');
    chart.node.tryRemoveChild('Web');
    expect((Testing.synth(chart) as any[]).map((manifest) => manifest.metadata.name)).toEqual(['deny']);
    expect((Testing.synth(other) as any[]).map((manifest) => manifest.metadata.name)).toEqual(['web']);
  });

  it('renders again after a change', () => {
    const chart = testChart('kubernetes');
    const policy = new Policy(chart, 'Web').allowFrom(Peer.any());
    expect(Testing.synth(chart)).toHaveLength(1);
    policy.allowTo(Peer.any());
    new DefaultDeny(chart, 'Deny');
    const manifests = Testing.synth(chart) as any[];
    expect(manifests).toHaveLength(2);
    expect(manifests[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });
});
