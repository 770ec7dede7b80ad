// toFQDNs allows nothing unless a DNS rule on the same endpoints' egress lets the name resolve (as
// Cilium enforces it: the FQDN rule gets addresses only from lookups its DNS proxy sees).
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../../support/cli';
import { shopCluster } from '../../support/shop-cluster';

const CLUSTER = shopCluster({ web: { app: 'web' } });

const DNS_RULE = `  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
    toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: PATTERN}]}}]
`;

function policy(name: string, rules: string): string {
  return `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
${rules}`;
}

const STRIPE = `  - toFQDNs: [{matchName: api.stripe.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`;

const reach = (text: string) => runNetpol(['reach', '-'], { stdin: text });

describe('Cilium toFQDNs', () => {
  it('allows the name when the same policy has a DNS rule covering it', async () => {
    const { code, out } = await reach(CLUSTER + policy('stripe', STRIPE + DNS_RULE.replace('PATTERN', '"*.stripe.com"')));
    expect(code).toBe(0);
    expect(out).toContain('shop/web[Pod] => api.stripe.com[FQDN] : TCP 443\n');
  });

  it.each([['ANY', 'protocol: ANY'], ['no protocol', '']])('counts a DNS rule on %s as UDP and TCP port 53', async (_, protocol) => {
    const dns = DNS_RULE.replace('PATTERN', '"*.stripe.com"').replace('protocol: UDP', protocol).replace(', }', '}');
    const { code, out, err } = await reach(CLUSTER + policy('stripe', STRIPE + dns));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('shop/web[Pod] => api.stripe.com[FQDN] : TCP 443\n');
  });

  it('allows nothing without a DNS rule on the path: the name never resolves', async () => {
    const { code, out } = await reach(CLUSTER + policy('stripe', STRIPE));
    expect(code).toBe(0);
    expect(out).not.toContain('api.stripe.com[FQDN]');
  });

  it('allows nothing when the DNS rule does not cover the name (the lookup is refused)', async () => {
    const { code, out } = await reach(CLUSTER + policy('stripe', STRIPE + DNS_RULE.replace('PATTERN', '"*.example.com"')));
    expect(code).toBe(0);
    expect(out).not.toContain('shop/web[Pod] => api.stripe.com[FQDN]');
  });

  it('is not analysed (exit 3, named) when only another policy\'s DNS rule could resolve it', async () => {
    const { code, out, err } = await reach(CLUSTER + policy('stripe', STRIPE) + policy('dns', DNS_RULE.replace('PATTERN', '"*"')));
    expect(code).toBe(3);
    expect(err).toContain("CiliumNetworkPolicy shop/stripe: toFQDNs whose names only another policy's DNS rules could resolve");
    expect(out).not.toContain('api.stripe.com[FQDN] : TCP 443');
  });

  it('counts another spec of the same policy as another policy (it may select other endpoints)', async () => {
    const specs = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: two-specs, namespace: shop}
specs:
- endpointSelector: {matchLabels: {app: web}}
  egress:
${STRIPE}- endpointSelector: {matchLabels: {app: other}}
  egress:
${DNS_RULE.replace('PATTERN', '"*"')}`;
    const { code, err } = await reach(CLUSTER + specs);
    expect(code).toBe(3);
    expect(err).toContain("CiliumNetworkPolicy shop/two-specs: toFQDNs whose names only another policy's DNS rules could resolve");
  });
});
