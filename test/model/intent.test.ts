import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { featuresOf, Peer, PolicyIntent, Port } from '../../lib';
import { policyIntentSchema } from '../../lib/model/intent';
import { labelExpressionSchema } from '../../lib/model/label-expression';
import { peerSchema } from '../../lib/model/peer';
import { ruleSchema } from '../../lib/model/rule';
import { parseOrThrow } from '../../lib/model/validate';
import { kubernetesIntent } from '../support/arbitraries';

const base: PolicyIntent = { name: 'web', scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: ['ingress'], rules: [] };
const parseIntent = (intent: unknown) => parseOrThrow(policyIntentSchema, intent, 'chart/Web');
const allow = (extra: object) => ({ direction: 'ingress', action: 'allow', peers: [], ports: [], ...extra });

describe('peers', () => {
  const parse = (peer: unknown) => parseOrThrow(peerSchema, peer, 'chart/Web', ['peers', 0]);
  it.each([
    Peer.pods({ app: 'web' }),
    Peer.pods({ app: 'web' }, ['a', 'b']),
    Peer.pods({}, { selector: { matchLabels: { team: 'x' } } }),
    Peer.pods({}, 'all'),
    Peer.namespace('monitoring'),
    Peer.namespacesWithLabels({ purpose: 'monitoring' }),
    Peer.allNamespaces(),
    Peer.cidr('10.0.0.0/8', ['10.1.0.0/16', '10.2.0.0/16']),
    Peer.cidr('2001:db8::/32', ['2001:db8:1::/48']),
    Peer.entity('world'),
    Peer.entity('kube-apiserver', ['192.0.2.1/32']),
    Peer.fqdn('api.stripe.com'),
    Peer.fqdn('*.example.com'),
    Peer.fqdn('**.example.com'),
    Peer.serviceAccount({ names: ['api'] }),
    Peer.serviceAccount({ selector: { team: 'x' }, namespaces: ['shop'] }),
  ])('accepts %j', (peer) => expect(parse(peer)).toEqual(peer));

  it.each([
    [Peer.pods({}, ['Bad_NS']), 'peers[0].namespaces.names[0]: "Bad_NS" is not a DNS-1123 label'],
    [Peer.pods({}, []), 'peers[0].namespaces.names'],
    [{ kind: 'pods', pods: {}, namespaces: 'al' }, 'peers[0].namespaces: "al" is not one of all: did you mean `all`?'],
    [Peer.cidr('10.0.0.1/8'), 'peers[0].cidr: "10.0.0.1/8" has host bits set: the network is 10.0.0.0/8'],
    [Peer.cidr('10.0.0.0/8', ['11.0.0.0/16']), 'peers[0].except[0]: 11.0.0.0/16 is not strictly inside 10.0.0.0/8'],
    [Peer.cidr('10.0.0.0/8', ['10.0.0.0/8']), 'peers[0].except[0]: 10.0.0.0/8 is not strictly inside 10.0.0.0/8'],
    [Peer.cidr('10.0.0.0/8', ['2001:db8::/32']), 'peers[0].except[0]: 2001:db8::/32 is not strictly inside'],
    [Peer.entity('world', ['0.0.0.0/0']), 'peers[0].cidrs: only the kube-apiserver entity can carry CIDRs, not world'],
    [{ kind: 'entity', entity: 'world-ipv4' }, 'peers[0].entity'],
    [Peer.fqdn('bad name.com'), 'peers[0].pattern: "bad name.com" is not a DNS name or pattern'],
    [Peer.serviceAccount({}), 'peers[0].names: a service account peer needs names or a selector'],
    [{ kind: 'pod', pods: {} }, "peers[0].kind: Invalid discriminator value. Expected 'pods'"],
  ])('rejects %j: %s', (peer, message) => expect(() => parse(peer)).toThrow(`chart/Web: ${message}`));
});

describe('rules', () => {
  const parse = (rule: unknown) => parseOrThrow(ruleSchema, rule, 'chart/Web', ['rules', 0]);
  it.each([
    [allow({ peers: [Peer.fqdn('x.com')] }), 'rules[0].peers[0]: FQDN peers are for egress only'],
    [allow({ direction: 'egress', action: 'deny', peers: [Peer.fqdn('x.com')] }), 'rules[0].peers[0]: FQDN peers can only be allowed, not deny'],
    [allow({ http: [{ method: 'GET' }] }), 'rules[0].http: HTTP matches need explicit ports'],
    [allow({ action: 'deny', http: [{ method: 'GET' }], ports: [Port.tcp(80)] }), 'rules[0].http: HTTP matches only narrow allow rules, not deny'],
    [allow({ http: [{ method: 'GET' }], ports: [Port.udp(80)] }), 'rules[0].ports[0].protocol: HTTP matches work on TCP only, not UDP'],
    [allow({ http: [{}], ports: [Port.tcp(80)] }), 'rules[0].http[0]: an HTTP match needs at least one of'],
    [allow({ http: [{ path: 'api/(' }], ports: [Port.tcp(80)] }), 'rules[0].http[0].path: "api/(" is not a valid regular expression'],
    [allow({ http: [{ path: 'api' }], ports: [Port.tcp(80)] }), `rules[0].http[0].path: "api" does not start with '/'`],
    [allow({ dns: [{ pattern: '*' }], ports: [Port.udp(53)] }), 'rules[0].dns: DNS matches are for egress only'],
    [allow({ direction: 'egress', dns: [{ pattern: '*' }], ports: [Port.udp(53, 54)] }), 'rules[0].ports[0].port: DNS matches need a single numeric port'],
    [allow({ direction: 'egress', dns: [{ pattern: '*' }], ports: [Port.sctp(53)] }), 'rules[0].ports[0].protocol: DNS matches work on UDP and TCP only'],
    [allow({ direction: 'sideways' }), 'rules[0].direction'],
    [allow({ action: 'accept' }), 'rules[0].action'],
  ])('rejects %j: %s', (rule, message) => expect(() => parse(rule)).toThrow(`chart/Web: ${message}`));
});

describe('policy intents', () => {
  it('accepts every generated allow-only intent (property)', () => {
    fc.assert(
      fc.property(kubernetesIntent, (intent) => {
        expect(parseIntent(intent)).toEqual(intent);
      }),
    );
  });

  it.each([
    [{ ...base, name: 'Web' }, 'name: "Web" is not a DNS-1123 label'],
    [{ ...base, name: 'a'.repeat(64) }, 'name: '],
    [{ ...base, scope: { namespace: 'Shop' } }, 'scope.namespace: "Shop" is not a DNS-1123 label'],
    [{ ...base, isolate: ['ingress', 'ingress'] }, 'isolate: a direction is listed twice'],
    [{ ...base, subject: { pods: {}, namespaces: 'all' } }, 'subject.namespaces: only a cluster-wide policy selects namespaces'],
    [{ ...base, rules: [allow({ action: 'deny' })] }, "rules[0].action: a deny rule needs the policy's order"],
    [{ ...base, rules: [allow({ action: 'pass' })] }, "rules[0].action: a pass rule needs the policy's order"],
    [{ ...base, scope: 'cluster', rules: [allow({ peers: [Peer.pods({})] })] }, 'rules[0].peers[0].namespaces: a cluster-wide policy has no namespace of its own'],
    [{ ...base, tier: { name: 'default', order: 1 } }, 'tier.name: default, kube-admin and kube-baseline are built-in tiers'],
    [{ ...base, order: Number.POSITIVE_INFINITY }, 'order: '],
    [{ ...base, extra: true }, 'extra: unknown field: the fields are `name`, `scope`, `subject`'],
    // Whatever the order of a union's branches, a near miss of a literal is named as one.
    [{ ...base, scope: 'clusterr' }, 'scope: "clusterr" is not one of cluster: did you mean `cluster`?'],
    // A selector's expression is checked by a parse of its own (label-expression.ts): its problems still name the field.
    [{ ...base, subject: { pods: { expression: { kind: 'or', operands: [{ kind: 'has', key: 'a' }, { kind: 'has' }] } } } }, 'subject.pods.expression.operands[1].key: '],
    [{ ...base, subject: { pods: { expression: { kind: 'and', operands: [] } } } }, 'subject.pods.expression.operands: '],
    [{ ...base, subject: { pods: { expression: { kind: 'maybe' } } } }, 'subject.pods.expression.kind: '],
  ])('rejects %j: %s', (intent, message) => expect(() => parseIntent(intent)).toThrow(`chart/Web: ${message}`));

  it('is not a recursive schema, so zod keeps no cycle memo on every policy and rule it parses (bench/, P2)', () => {
    expect(z.core.isRecursiveSchema(policyIntentSchema)).toBe(false);
    expect(z.core.isRecursiveSchema(labelExpressionSchema)).toBe(true);
  });

  it('accepts a selector expression as it is, nested to any depth', () => {
    const expression = { kind: 'not', operand: { kind: 'or', operands: [{ kind: 'compare', key: 'tier', operator: 'startsWith', value: 'web' }, { kind: 'in', key: 'app', values: ['a'] }] } };
    expect(parseIntent({ ...base, subject: { pods: { matchLabels: { app: 'web' }, expression } } }).subject.pods.expression).toEqual(expression);
  });

  it('accepts a deny with an order, cluster scope with namespaces, and tiers', () => {
    expect(() => parseIntent({ ...base, order: 10, rules: [allow({ action: 'deny' })] })).not.toThrow();
    expect(() => parseIntent({ ...base, scope: 'cluster', subject: { pods: {}, namespaces: { names: ['a'] } }, rules: [allow({ peers: [Peer.pods({}, 'all')] })] })).not.toThrow();
    expect(() => parseIntent({ ...base, tier: { name: 'security', order: 100, defaultAction: 'pass' } })).not.toThrow();
  });
});

describe('featuresOf', () => {
  it('names each non-universal feature and its field', () => {
    const intent: PolicyIntent = {
      ...base,
      scope: 'cluster',
      isolate: ['egress'],
      order: 5,
      tier: { name: 'security', order: 10 },
      rules: [
        allow({ action: 'deny', peers: [Peer.entity('world'), Peer.entity('kube-apiserver', ['192.0.2.1/32'])], ports: [Port.icmp(8, 0)] }) as any,
        { direction: 'egress', action: 'allow', peers: [Peer.fqdn('x.com'), Peer.serviceAccount({ selector: { a: 'b' }, namespaces: 'all' })], ports: [Port.tcp('http')], http: [{ method: 'GET' }] },
      ],
    };
    expect(featuresOf(intent)).toEqual([
      { feature: 'cluster-scope', field: 'scope' },
      { feature: 'tier', field: 'tier' },
      { feature: 'order', field: 'order' },
      { feature: 'deny', field: 'rules[0].action' },
      { feature: 'allow-without-isolation', field: 'rules[0].direction' },
      { feature: 'entity', field: 'rules[0].peers[0]' },
      { feature: 'icmp-code', field: 'rules[0].ports[0]' },
      { feature: 'http', field: 'rules[1].http' },
      { feature: 'fqdn', field: 'rules[1].peers[0]' },
      { feature: 'service-account-selector', field: 'rules[1].peers[1]' },
      { feature: 'egress-named-port', field: 'rules[1].ports[0].port' },
    ]);
  });

  it('flags namespace-label peers only in namespaced policies', () => {
    const rule = allow({ peers: [Peer.namespacesWithLabels({ team: 'x' })] }) as any;
    expect(featuresOf({ ...base, rules: [rule] })).toEqual([{ feature: 'namespace-labels-in-namespaced-policy', field: 'rules[0].peers[0].namespaces' }]);
    expect(featuresOf({ ...base, scope: 'cluster', rules: [rule] })).toEqual([{ feature: 'cluster-scope', field: 'scope' }]);
  });

  it('finds nothing in the Kubernetes subset but egress named ports (property)', () => {
    fc.assert(
      fc.property(kubernetesIntent, (intent) => {
        fc.pre(!intent.rules.some((rule) => rule.peers.some((peer) => 'namespaces' in peer && typeof peer.namespaces === 'object' && 'selector' in peer.namespaces)));
        expect(featuresOf(intent).every((use) => use.feature === 'egress-named-port')).toBe(true);
      }),
    );
  });
});
