import { describe, expect, it } from 'vitest';
import { ciliumErrors } from '../../support/cilium-api';

// The validity tests can only fail if the validators reject what the API server or the agent rejects.
const policy = (spec: Record<string, unknown>) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { endpointSelector: {}, ...spec },
});
const ingress = (rule: Record<string, unknown>) => policy({ ingress: [rule] });
const ports = (...entries: Record<string, unknown>[]) => ({ toPorts: [{ ports: entries }] });

describe('the Cilium validators', () => {
  it('accept a valid policy', () => {
    expect(ciliumErrors(ingress({ fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }], ...ports({ port: '80', protocol: 'TCP' }) }))).toEqual([]);
    expect(ciliumErrors(policy({ egress: [{}], log: { value: 'fine' } }))).toEqual([]);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['an unknown field', ingress({ fromEndpoint: [{}] })],
    ['an integer port', ingress(ports({ port: 80, protocol: 'TCP' }))],
    ['a port out of range (the schema pattern is mis-anchored)', ingress(ports({ port: '99999', protocol: 'TCP' }))],
    ['an endPort below the port', ingress(ports({ port: '90', endPort: 80, protocol: 'TCP' }))],
    ['a bad CIDR', ingress({ fromCIDRSet: [{ cidr: '10.0.0.0/33' }] })],
    ['an except outside the CIDR', ingress({ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }] })],
    ['world-ipv4, not an entity', ingress({ fromEntities: ['world-ipv4'] })],
    ['two kinds of peer in one rule', ingress({ fromEndpoints: [{}], fromEntities: ['world'] })],
    ['icmps with toPorts', ingress({ icmps: [{ fields: [{ type: 8 }] }], ...ports({ port: '80', protocol: 'TCP' }) })],
    ['more than 40 ports', ingress(ports(...Array.from({ length: 41 }, (_, index) => ({ port: String(index + 1), protocol: 'TCP' }))))],
    ['HTTP on UDP', ingress({ toPorts: [{ ports: [{ port: '80', protocol: 'UDP' }], rules: { http: [{ method: 'GET' }] } }] })],
    ['L7 on port 0', ingress({ toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }] })],
    ['DNS on ingress', ingress({ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] })],
    ['a log value with a control character (RE2 \\PC)', policy({ ingress: [{}], log: { value: 'a\u0007b' } })],
    ['no rule section', policy({})],
    ['a namespace in a CCNP', { ...ingress({}), kind: 'CiliumClusterwideNetworkPolicy' }],
  ];
  it.each(invalid)('reject %s', (_, manifest) => {
    expect(ciliumErrors(manifest)).not.toEqual([]);
  });
});
