// The checks' edges, on intents: what each must not call a problem, and where a near miss is one.
import { describe, expect, it } from 'vitest';
import { Peer, PolicyIntent, Port, Rule } from '../../lib';
import { lint } from '../../lib/lint';
import { fixtureWorkloads } from '../../lib/testing';

const policy = (name: string, rules: Rule[], more: Partial<PolicyIntent> = {}): PolicyIntent => ({ name, scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: [], rules, ...more });
const allow = (direction: Rule['direction'], peers: Rule['peers'], ports: Port[] = []): Rule => ({ direction, action: 'allow', peers, ports });
const deny = (direction: Rule['direction'], peers: Rule['peers'], ports: Port[] = []): Rule => ({ direction, action: 'deny', peers, ports });
const messages = (id: string, intents: PolicyIntent[], workloads?: Parameters<typeof fixtureWorkloads>[0]) =>
  lint({ intents, ...(workloads && { workloads: fixtureWorkloads(workloads) }) }).findings.filter((finding) => finding.id === id).map((finding) => `${finding.policy?.name}: ${finding.message}`);

const DNS = Peer.pods({ 'k8s-app': 'kube-dns' }, ['kube-system']);

describe('dns-udp-only', () => {
  it('is satisfied by TCP 53 in the same rule, or by a rule with every port', () => {
    expect(messages('dns-udp-only', [policy('a', [allow('egress', [DNS], [Port.udp(53), Port.tcp(53)])])])).toEqual([]);
    expect(messages('dns-udp-only', [policy('a', [allow('egress', [DNS], [Port.udp(53)]), allow('egress', [DNS])])])).toEqual([]);
  });

  it('is not satisfied by TCP 53 to other peers', () => {
    const intents = [policy('a', [allow('egress', [DNS], [Port.udp(53)]), allow('egress', [Peer.cidr('10.0.0.10/32')], [Port.tcp(53)])])];
    expect(messages('dns-udp-only', intents)).toEqual(['a: egress rule 1 allows UDP 53 but no rule of the policy allows TCP 53 to the same peers']);
  });
});

describe('redundant-rule and unreachable-deny', () => {
  const web = Peer.pods({ app: 'web' });
  it('flags the second of two identical rules once', () => {
    expect(messages('redundant-rule', [policy('a', [allow('ingress', [web], [Port.tcp(80)]), allow('ingress', [web], [Port.tcp(80)])])])).toEqual(['a: ingress rule 2 never matches: ingress rule 1 comes first and allows all it matches']);
  });

  it('does not flag a rule only some of whose peers or ports another covers', () => {
    const intents = [policy('a', [allow('ingress', [web], [Port.tcp(80)]), allow('ingress', [web, Peer.pods({ app: 'api' })], [Port.tcp(80)]), allow('ingress', [web], [Port.tcp(80), Port.tcp(81)])])];
    expect(messages('redundant-rule', intents)).toEqual(['a: ingress rule 1 is covered by the broader ingress rule 2']);
  });

  it('does not take a narrower selector, a CIDR partly excepted, or an L7 rule for a cover of a broader rule', () => {
    const intents = [
      policy('a', [allow('ingress', [web], [Port.tcp(80)]), allow('ingress', [Peer.pods({ app: 'web', track: 'canary' })], [Port.tcp(80)])], { order: 1 }),
      policy('b', [allow('egress', [Peer.cidr('10.0.0.0/8', ['10.1.0.0/16'])]), allow('egress', [Peer.cidr('10.1.2.0/24')])]),
      policy('c', [{ ...allow('egress', [], [Port.tcp(80)]), http: [{ path: '/api' }] }, allow('egress', [], [Port.tcp(80)])], { order: 1 }),
    ];
    // Only the narrower rules are flagged: the canary rule (under the broader allow) and the L7 rule (under the plain one).
    expect(messages('redundant-rule', intents)).toEqual([
      'a: ingress rule 2 never matches: ingress rule 1 comes first and allows all it matches',
      'c: egress rule 1 is covered by the broader egress rule 2',
    ]);
  });

  it('compares namespace selectors by their requirements', () => {
    const team = (labels: Record<string, string>) => Peer.namespacesWithLabels(labels);
    const intents = [policy('a', [allow('ingress', [team({ team: 'a', env: 'prod' })]), allow('ingress', [team({ team: 'a' })])])];
    expect(messages('redundant-rule', intents)).toEqual(['a: ingress rule 1 is covered by the broader ingress rule 2']);
  });

  it('a deny before the allow, or in a policy of another namespace or a narrower subject, can match', () => {
    const intents = [
      policy('allow-all', [allow('egress', [])], { order: 100, subject: { pods: { matchLabels: { app: 'web' } } } }),
      policy('deny-first', [deny('egress', [Peer.cidr('169.254.169.254/32')])], { order: 50 }),
      policy('deny-wider-subject', [deny('egress', [Peer.cidr('169.254.169.254/32')])], { order: 200 }),
      policy('deny-elsewhere', [deny('egress', [Peer.cidr('169.254.169.254/32')])], { order: 200, scope: { namespace: 'ops' } }),
    ];
    expect(messages('unreachable-deny', intents)).toEqual([]);
    const within = [policy('p', [allow('egress', []), deny('egress', [Peer.cidr('169.254.169.254/32')])], { order: 1 })];
    expect(messages('unreachable-deny', within)).toEqual(['p: egress rule 2 (deny) never matches: egress rule 1 comes first and allows all it matches']);
  });
});

describe('named-port-ambiguous', () => {
  const cluster = { pods: { 'shop/web': { labels: { app: 'web', tier: 'front' }, ports: ['metrics:TCP/9090'] }, 'shop/api': { labels: { app: 'api', tier: 'front' }, ports: ['metrics:TCP/9091'] } } };
  it('lets an ingress named port resolve on each subject pod alone, but not an egress one across its destinations', () => {
    const ingress = [policy('scrape', [allow('ingress', [], [Port.tcp('metrics')])], { subject: { pods: { matchLabels: { tier: 'front' } } } })];
    expect(messages('named-port-ambiguous', ingress, cluster)).toEqual([]);
    const egress = [policy('to-front', [allow('egress', [Peer.pods({ tier: 'front' })], [Port.tcp('metrics')])])];
    expect(messages('named-port-ambiguous', egress, cluster)).toEqual(['to-front: egress rule 1, port TCP/metrics: the selected pods give "metrics" different numbers (9090, 9091)']);
  });

  it('flags two containers of one pod that give a name two numbers', () => {
    const intents = [policy('in', [allow('ingress', [], [Port.tcp('http')])], { subject: { pods: { matchLabels: { app: 'web' } } } })];
    expect(messages('named-port-ambiguous', intents, { pods: { 'shop/web': { labels: { app: 'web' }, ports: ['http:TCP/8080', 'http:TCP/8081'] } } })).toHaveLength(1);
  });
});

describe('service-port-not-target-port and any-namespace-pod-selector', () => {
  it('does not flag a Service port the pods also listen on', () => {
    const manifests = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 80 }] }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 8080 }] }] } } } },
    ];
    expect(lint({ manifests }).findings.filter((finding) => finding.id === 'service-port-not-target-port')).toEqual([]);
  });

  it('does not flag every pod of every namespace (no labels to spoof)', () => {
    expect(messages('any-namespace-pod-selector', [policy('a', [allow('ingress', [Peer.pods({}, 'all' as never)])])])).toEqual([]);
  });
});
