import { describe, expect, it } from 'vitest';
import { Manifest } from '../../../lib';
import { calicoPortProblem, calicoProblems } from '../../../lib/dialects/calico/validate';

const policy = (spec: Record<string, unknown>, name = 'web', kind = 'NetworkPolicy'): Manifest => ({
  apiVersion: 'projectcalico.org/v3',
  kind,
  metadata: { name, ...(kind === 'NetworkPolicy' && { namespace: 'shop' }) },
  spec: { selector: 'all()', types: ['Ingress'], ...spec },
});
const ingress = (...rules: unknown[]) => policy({ ingress: rules });

// What Calico's validator rejects and its CRD schema lets through (DIALECTS.md §8.7).
describe('calicoProblems', () => {
  it('accepts what the dialect writes', () => {
    expect(calicoProblems(ingress({ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'a'" }, destination: { ports: [80, '8000:8100', 'http'] } }))).toEqual([]);
  });

  it.each<[string, Manifest, string]>([
    ['an unknown type', policy({ types: ['Forward'] }), 'spec.types: ["Forward"]: types are Ingress and Egress, each at most once'],
    ['a type twice', policy({ types: ['Ingress', 'Ingress'] }), 'types are Ingress and Egress, each at most once'],
    ['an invalid selector', policy({ selector: "app = 'web'" }), 'spec.selector: "app = \'web\'" is not a Calico selector'],
    ['global() outside a rule namespaceSelector', policy({ selector: 'global()' }), 'spec.selector: "global()": global() is allowed only alone'],
    ['global() with other terms', ingress({ action: 'Allow', source: { namespaceSelector: "global() && a == 'b'" } }), 'spec.ingress[0].source.namespaceSelector'],
    ['global() in a GlobalNetworkPolicy\'s namespaceSelector', policy({ namespaceSelector: 'global()' }, 'web', 'GlobalNetworkPolicy'), 'spec.namespaceSelector: "global()": global() is allowed only alone'],
    ['global() in a service-account selector', ingress({ action: 'Allow', source: { serviceAccounts: { selector: 'global()' } } }), 'spec.ingress[0].source.serviceAccounts.selector: "global()"'],
    ['ports without a protocol', ingress({ action: 'Allow', destination: { ports: [80] } }), 'spec.ingress[0].destination.ports: rules with ports need protocol TCP, UDP or SCTP'],
    ['named ports without a protocol', ingress({ action: 'Allow', destination: { ports: ['http'] } }), 'rules with ports need protocol'],
    ['ports with ICMP', ingress({ action: 'Allow', protocol: 'ICMP', destination: { ports: [80] } }), 'rules with ports need protocol'],
    ['a reversed range', ingress({ action: 'Allow', protocol: 'TCP', destination: { ports: ['90:80'] } }), '"90:80" is not a port or range'],
    ['port 0', ingress({ action: 'Allow', protocol: 'TCP', destination: { ports: [0] } }), '"0" is not a port or range'],
    ['an invalid port name', ingress({ action: 'Allow', protocol: 'TCP', destination: { ports: ['Bad_Name'] } }), 'is not a valid port name'],
    ['an unknown protocol', ingress({ action: 'Allow', protocol: 'GRE' }), '"GRE" is not a protocol'],
    ['ICMP fields without ICMP', ingress({ action: 'Allow', protocol: 'TCP', icmp: { type: 8 } }), 'ICMP fields need protocol ICMP or ICMPv6'],
    ['ICMP with ipVersion 6', ingress({ action: 'Allow', protocol: 'ICMP', ipVersion: 6 }), '6 does not fit protocol ICMP'],
    ['an invalid CIDR', ingress({ action: 'Allow', source: { nets: ['10.0.0.0/33'] } }), '"10.0.0.0/33" is not a CIDR'],
    ['IPv4 and IPv6 in one rule', ingress({ action: 'Allow', source: { nets: ['10.0.0.0/8'] }, destination: { notNets: ['::1/128'] } }), 'a rule cannot mix IPv4 and IPv6 CIDRs'],
    ['a CIDR of the wrong ipVersion', ingress({ action: 'Allow', ipVersion: 6, source: { nets: ['10.0.0.0/8'] } }), 'an IPv4 CIDR in an ipVersion 6 rule'],
    ['a name with two dots', policy({}, 'a.b.c'), 'metadata.name: "a.b.c" is not a NetworkPolicy name'],
    ['an uppercase name', policy({}, 'Web', 'GlobalNetworkPolicy'), 'is not a GlobalNetworkPolicy name'],
    ['a tier name with a dot', { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'a.b' }, spec: { order: 1 } }, 'a tier name is a DNS-1123 label'],
    ['a namespaced tier', { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'a', namespace: 'shop' }, spec: { order: 1 } }, 'a Tier is cluster-wide'],
    ['a default tier at another order', { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'default' }, spec: { order: 5 } }, "the default tier's order is 1000000"],
    ['the internal API version', { ...policy({}), apiVersion: 'crd.projectcalico.org/v1' }, 'apiVersion: is not projectcalico.org/v3'],
  ])('rejects %s', (_, manifest, message) => {
    expect(calicoProblems(manifest).join('\n')).toContain(message);
  });

  it('reads an empty (null) source or destination as no conditions, as Calico does', () => {
    expect(calicoProblems(ingress({ action: 'Allow', source: null, destination: null }))).toEqual([]);
  });

  it('accepts global() alone in a rule\'s namespaceSelector', () => {
    expect(calicoProblems(ingress({ action: 'Allow', source: { namespaceSelector: 'global()' } }))).toEqual([]);
  });

  it('says the same of a selector every time it meets it (each text is parsed once)', () => {
    const manifest = ingress({ action: 'Allow', source: { selector: "app = 'a'" }, destination: { notSelector: "app = 'a'" } });
    const expected = ['spec.ingress[0].source.selector: "app = \'a\'" is not a Calico selector', 'spec.ingress[0].destination.notSelector: "app = \'a\'" is not a Calico selector'];
    for (let run = 0; run < 2; run++) expect(calicoProblems(manifest).map((line) => line.slice(0, line.indexOf(' selector') + 9))).toEqual(expected);
  });

  it('accepts the names Calico accepts: a label, label.label, and Kubernetes policies as Calico 3.31 names them', () => {
    for (const name of ['web', 'security.web', 'knp.default.allow.dns']) expect(calicoProblems(policy({}, name))).toEqual([]);
    expect(calicoProblems(policy({}, 'security.web', 'GlobalNetworkPolicy'))).toEqual([]);
  });

  it('checks ports as Calico reads them: numbers, low:high, numeric strings and port names', () => {
    expect([80, '80', '1:65535', 'metrics'].map(calicoPortProblem)).toEqual([undefined, undefined, undefined, undefined]);
    expect([65536, '0:5', 1.5, true].map((port) => calicoPortProblem(port) !== undefined)).toEqual([true, true, true, true]);
  });
});
