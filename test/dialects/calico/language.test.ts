import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIALECTS, Labels, Manifest, selectorMatches } from '../../../lib';
import { readCalico } from '../../../lib/dialects/calico/read';
import { readCalicoSelector } from '../../../lib/dialects/calico/read-selector';
import { capabilityProblems } from '../../../lib/dialects/capabilities';

// Our own table of Calico selectors, label sets and whether they match, covering each construct
// libcalico-go's selector parser tests cover: ==, !=, in, not in (with quotes of either kind inside
// set values), has, !has, repeated !, contains, starts with, ends with, all(), the empty selector,
// && and || with their precedence, parentheses, negated groups, spacing.
const TABLE: [selector: string, labels: Labels, matches: boolean][] = [
  ["tier == 'db'", { tier: 'db', x: 'y' }, true],
  ["tier == 'db'", {}, false],
  ["tier == \"db\"", { tier: 'web' }, false],
  ["tier != 'db'", {}, true],
  ["tier != 'db'", { tier: 'db' }, false],
  ["tier != 'db'", { tier: 'web' }, true],
  ["tier == 'db' && zone == 'x'", { tier: 'db', zone: 'x' }, true],
  ["tier == 'db' && zone == 'x'", { tier: 'db' }, false],
  ["tier == 'db' || zone == 'x'", { zone: 'x' }, true],
  ["tier == 'db' || zone == 'x'", { tier: 'web', zone: 'y' }, false],
  ["tier == 'db' || zone == 'x'", {}, false],
  ["q in {\"'\", '\"', 'z'}", { q: "'" }, true],
  ["q in {\"'\", '\"', 'z'}", { q: '"' }, true],
  ["q in {\"'\", '\"', 'z'}", { q: 'w' }, false],
  ["q in {\"'\", '\"', 'z'}", {}, false],
  ["q not in {\"'\", '\"', 'z'}", {}, true],
  ["q not in {\"'\", '\"', 'z'}", { q: 'z' }, false],
  ["!q in {'a'}", { q: 'b' }, true],
  ["!q in {'a'}", {}, true],
  ['q in {}', { q: '' }, false],
  ['q not in {}', {}, true],
  ['has(tier)', { tier: '' }, true],
  ['has(tier)', { zone: 'x' }, false],
  ['!has(tier)', { zone: 'x' }, true],
  ['!!has(tier)', { zone: 'x' }, false],
  ['! !! has(tier)', { tier: 'db' }, false],
  ['!!!has(tier)', {}, true],
  ["name contains 'ab'", { name: 'xaby' }, true],
  ["name contains 'ab'", { name: 'ba' }, false],
  ["name contains 'ab'", { other: 'ab' }, false],
  ["name starts with 'ab'", { name: 'abc' }, true],
  ["name starts with 'ab'", { name: 'cab' }, false],
  ["name startswith 'ab'", { name: 'abc' }, true],
  ["name ends with 'ab'", { name: 'cab' }, true],
  ["name ends with 'ab'", { name: 'abc' }, false],
  ["name ends with 'ab'", {}, false],
  ['', {}, true],
  [' ', { a: 'b' }, true],
  ['all()', { a: 'b' }, true],
  ['!all()', { a: 'b' }, false],
  ["tier != 'db' || zone != 'x'", { tier: 'db', zone: 'x' }, false],
  ["tier != 'db' || zone != 'x'", { tier: 'db' }, true],
  ["! tier == 'db' || ! zone == 'x'", { tier: 'db', zone: 'x' }, false],
  ['!(!has(a) || has(b))', { a: '1' }, true],
  ['!(!has(a) || has(b))', { a: '1', b: '2' }, false],
  ["!(tier == 'db' && zone == 'x')", { tier: 'db' }, true],
  ["!(tier == 'db' && zone == 'x')", { tier: 'db', zone: 'x' }, false],
  // && binds tighter than ||, parentheses regroup.
  ["has(a) || has(b) && has(c)", { a: '1' }, true],
  ["(has(a) || has(b)) && has(c)", { a: '1' }, false],
  ["!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))", { a: 'b' }, true],
  ["app == 'web' && (team not in {'red'} || has(admin))", { app: 'web', team: 'red', admin: '' }, true],
  ["app == 'web' && (team not in {'red'} || has(admin))", { app: 'web', team: 'red' }, false],
  ["app == 'web' && (team not in {'red'} || has(admin))", { team: 'blue' }, false],
  ["a.b/c-d_e == 'x'\t&&\thas(f)", { 'a.b/c-d_e': 'x', f: '' }, true],
];

describe('Calico selectors read for analysis', () => {
  it.each(TABLE)('%j on %j matches: %s', (selector, labels, matches) => {
    expect(selectorMatches(readCalicoSelector(selector), labels)).toBe(matches);
  });
});

const policy = (ingress: string) => parseAllDocuments(`apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  selector: app == 'api'
  types: [Ingress]
  ingress:
${ingress}`).map((document) => document.toJS() as Manifest);

// The ports of each rule of an ingress policy read without anything left out.
const portsOf = (ingress: string) => {
  const result = readCalico(policy(ingress));
  expect(result.notAnalysed).toEqual([]);
  return result.intents[0].rules.map((rule) => rule.ports);
};

describe('Calico notPorts read exactly', () => {
  it('reads notPorts as the ranges of the other ports, less from the ports given', () => {
    expect(portsOf('  - {action: Allow, protocol: UDP, destination: {notPorts: [1, "100:65535"]}}')).toEqual([[{ protocol: 'UDP', port: 2, endPort: 99 }]]);
    expect(portsOf('  - {action: Allow, protocol: TCP, destination: {ports: ["80:90", 443], notPorts: [85]}}')).toEqual([[
      { protocol: 'TCP', port: 80, endPort: 84 },
      { protocol: 'TCP', port: 86, endPort: 90 },
      { protocol: 'TCP', port: 443 },
    ]]);
  });

  it('drops a rule whose notPorts leave no port', () => {
    expect(portsOf('  - {action: Allow, protocol: TCP, destination: {ports: [80], notPorts: ["1:100"]}}')).toEqual([]);
  });

  it('leaves named ports with notPorts to the analysis: the ports as given, the notPorts as exceptPorts (a name is a number on each pod)', () => {
    const rulesOf = (ingress: string) => {
      const result = readCalico(policy(ingress));
      expect(result.notAnalysed).toEqual([]);
      return result.intents[0].rules.map(({ ports, exceptPorts }) => ({ ports, exceptPorts }));
    };
    expect(rulesOf('  - {action: Allow, protocol: TCP, destination: {notPorts: [http, "1:1023"]}}')).toEqual([
      { ports: [{ protocol: 'TCP' }], exceptPorts: [{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 1, endPort: 1023 }] },
    ]);
    expect(rulesOf('  - {action: Allow, protocol: UDP, destination: {ports: [dns, 5353], notPorts: [53]}}')).toEqual([
      { ports: [{ protocol: 'UDP', port: 'dns' }, { protocol: 'UDP', port: 5353 }], exceptPorts: [{ protocol: 'UDP', port: 53 }] },
    ]);
    // Named ports without notPorts stay as they were, numbered notPorts read as ranges.
    expect(rulesOf('  - {action: Allow, protocol: TCP, destination: {ports: [http]}}')).toEqual([{ ports: [{ protocol: 'TCP', port: 'http' }], exceptPorts: undefined }]);
  });

  it('does not model notPorts on the source', () => {
    const notAnalysed = (ingress: string) => readCalico(policy(ingress)).notAnalysed.map((entry) => entry.feature);
    expect(notAnalysed('  - {action: Allow, protocol: TCP, source: {notPorts: [80]}}')).toEqual(['source ports']);
  });
});

describe('Calico notProtocol and notICMP read exactly', () => {
  it('reads notProtocol as every other protocol, and as nothing beside the same protocol', () => {
    const exceptOf = (ingress: string) => readCalico(policy(ingress)).intents[0].rules.map(({ ports, exceptPorts }) => ({ ports, exceptPorts }));
    // Every protocol but one, those the model has no name for too: not the model's other four.
    expect(exceptOf('  - {action: Deny, notProtocol: TCP}')).toEqual([{ ports: [], exceptPorts: [{ protocol: 'TCP' }] }]);
    // Calico's protocol numbers too: 58 is ICMPv6.
    expect(exceptOf('  - {action: Allow, notProtocol: 58}')).toEqual([{ ports: [], exceptPorts: [{ protocol: 'ICMPv6' }] }]);
    expect(portsOf('  - {action: Allow, protocol: UDP, notProtocol: TCP, destination: {ports: [53]}}')).toEqual([[{ protocol: 'UDP', port: 53 }]]);
    expect(portsOf('  - {action: Allow, protocol: TCP, notProtocol: 6}')).toEqual([]);
  });

  it('reads notICMP as the ICMP messages left: every other type, and the other codes of a type', () => {
    const allTypesBut8 = [...Array(256).keys()].filter((type) => type !== 8).map((type) => ({ protocol: 'ICMP', icmpType: type }));
    expect(portsOf('  - {action: Allow, protocol: ICMP, notICMP: {type: 8}}')).toEqual([allTypesBut8]);
    const [ports] = portsOf('  - {action: Allow, protocol: ICMP, notICMP: {type: 8, code: 0}}');
    expect(ports.filter((port) => port.icmpType === 8)).toEqual([...Array(255).keys()].map((code) => ({ protocol: 'ICMP', icmpType: 8, icmpCode: code + 1 })));
    expect(ports).toHaveLength(255 + 255);
    expect(portsOf('  - {action: Allow, protocol: ICMPv6, icmp: {type: 1}, notICMP: {type: 1, code: 3}}')).toEqual([
      [0, 1, 2, ...[...Array(252).keys()].map((code) => code + 4)].map((code) => ({ protocol: 'ICMPv6', icmpType: 1, icmpCode: code })),
    ]);
    // notICMP that takes out all icmp matches leaves nothing: the rule is dropped.
    expect(portsOf('  - {action: Allow, protocol: ICMP, icmp: {type: 3, code: 4}, notICMP: {type: 3}}')).toEqual([]);
  });
});

describe('Calico notSelector scoped as libcalico-go scopes it', () => {
  const global = (ingress: string, extra = '') => parseAllDocuments(`apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: api}
spec:
  selector: app == 'api'
  types: [Ingress]
  ingress:
${ingress}${extra}`).map((document) => document.toJS() as Manifest);
  const peersOf = (manifests: Manifest[]) => {
    const result = readCalico(manifests);
    expect(result.notAnalysed).toEqual([]);
    return result.intents[0].rules.map((rule) => rule.peers);
  };
  const notRed = { kind: 'not', operand: { kind: 'compare', key: 'team', operator: '==', value: 'red' } };

  it("subtracts it from the policy's namespace in a NetworkPolicy, alone or with a selector", () => {
    expect(peersOf(policy("  - {action: Allow, source: {notSelector: team == 'red'}}"))).toEqual([[{ kind: 'pods', pods: { expression: notRed } }]]);
    expect(peersOf(policy("  - {action: Allow, source: {selector: has(app), notSelector: team == 'red'}}"))).toEqual([
      [{ kind: 'pods', pods: { matchExpressions: [{ key: 'app', operator: 'Exists' }], expression: notRed } }],
    ]);
    // A selector expression of its own is kept beside the subtraction.
    expect(peersOf(policy("  - {action: Allow, source: {selector: has(a) || has(b), notSelector: team == 'red'}}"))[0][0]).toEqual({
      kind: 'pods',
      pods: { expression: { kind: 'and', operands: [{ kind: 'or', operands: [{ kind: 'has', key: 'a' }, { kind: 'has', key: 'b' }] }, notRed] } },
    });
  });

  it('subtracts it from the namespaces a namespaceSelector gives, and from every namespace in a GlobalNetworkPolicy', () => {
    expect(peersOf(policy("  - {action: Allow, source: {namespaceSelector: all(), notSelector: team == 'red'}}"))).toEqual([[{ kind: 'pods', pods: { expression: notRed }, namespaces: 'all' }]]);
    expect(peersOf(global("  - {action: Allow, source: {selector: has(app), notSelector: team == 'red'}}"))).toEqual([
      [{ kind: 'pods', pods: { matchExpressions: [{ key: 'app', operator: 'Exists' }], expression: notRed }, namespaces: 'all' }],
    ]);
  });

  it('reads a bare notSelector of a GlobalNetworkPolicy as every peer but the pods it matches: pods of every namespace and addresses outside', () => {
    // libcalico-go sets no positive selector then, so the rule matches any address outside the notSelector's endpoints.
    expect(peersOf(global("  - {action: Allow, source: {notSelector: team == 'red'}}"))).toEqual([[{ kind: 'pods', pods: { expression: notRed }, namespaces: 'all' }, { kind: 'entity', entity: 'world' }]]);
  });

  it('takes an empty selector, notSelector or namespaceSelector as absent, as Calico does', () => {
    expect(peersOf(policy("  - {action: Allow, source: {selector: '', notSelector: '', namespaceSelector: ''}}"))).toEqual([[]]);
  });

  it('does not model it on Calico\'s own labels, beside nets or service accounts, or when it matches a network set', () => {
    const notAnalysed = (manifests: Manifest[]) => readCalico(manifests).notAnalysed.map((entry) => entry.feature);
    expect(notAnalysed(policy("  - {action: Allow, source: {notSelector: \"projectcalico.org/namespace == 'x'\"}}"))).toEqual([
      "notSelector on Calico's own label projectcalico.org/namespace in \"projectcalico.org/namespace == 'x'\"",
    ]);
    expect(notAnalysed(policy("  - {action: Allow, source: {nets: [10.0.0.0/8], notSelector: has(a)}}"))).toEqual(['nets together with a selector or service accounts in one EntityRule']);
    expect(notAnalysed(policy("  - {action: Allow, source: {serviceAccounts: {names: [a]}, notSelector: has(a)}}"))).toEqual(['serviceAccounts together with a selector or notSelector in one EntityRule']);
    const networkSet = `\n---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: office, labels: {team: red}}\nspec: {nets: [192.0.2.0/24]}`;
    expect(notAnalysed(global("  - {action: Allow, source: {notSelector: team == 'red'}}", networkSet))).toEqual([
      "selector \"team == 'red'\" matches GlobalNetworkSet office, which the analysis does not model",
    ]);
  });
});

describe('a selector expression is never rendered', () => {
  it('refuses it in every dialect, naming the field', () => {
    const [intent] = readCalico(policy("  - {action: Allow, source: {selector: \"team == 'a' || has(admin)\"}}")).intents;
    for (const dialect of Object.keys(DIALECTS) as (keyof typeof DIALECTS)[]) {
      expect(capabilityProblems(intent, dialect)).toContainEqual(expect.objectContaining({
        field: 'rules[0].peers[0].pods.expression',
        message: expect.stringContaining('selectors with a label expression'),
      }));
    }
    expect(() => DIALECTS.calico?.render([intent])).toThrow('selectors with a label expression');
  });

  it('refuses exceptPorts (named notPorts, notProtocol alone) in every dialect, naming the field', () => {
    for (const rule of ['  - {action: Allow, protocol: TCP, destination: {notPorts: [http]}}', '  - {action: Deny, notProtocol: TCP}']) {
      const [intent] = readCalico(policy(rule)).intents;
      for (const dialect of Object.keys(DIALECTS) as (keyof typeof DIALECTS)[]) {
        expect(capabilityProblems(intent, dialect)).toContainEqual(expect.objectContaining({ field: 'rules[0].exceptPorts', message: expect.stringContaining('ports or a protocol taken out of a rule') }));
      }
    }
  });
});

describe('Calico nets given as plain addresses', () => {
  it('reads an address as its host network, IPv4 and IPv6', () => {
    const peersOf = (nets: string) => {
      const result = readCalico(policy(`  - {action: Allow, source: {${nets}}}`));
      expect(result.notAnalysed).toEqual([]);
      return result.intents[0].rules.map((rule) => rule.peers);
    };
    expect(peersOf("nets: ['10.1.2.3']")).toEqual([[{ kind: 'cidr', cidr: '10.1.2.3/32' }]]);
    expect(peersOf("nets: ['fd00::1']")).toEqual([[{ kind: 'cidr', cidr: 'fd00::1/128' }]]);
    expect(peersOf("nets: ['10.0.0.0/8', '10.1.2.3'], notNets: ['10.1.2.3']")).toEqual([[{ kind: 'cidr', cidr: '10.0.0.0/8', except: ['10.1.2.3/32'] }]]);
  });
});
