// Every pattern in the Kubernetes dialect: a readable snapshot, schema validity, and the facts
// each pattern must get right (peers, ports, isolation, both sides).
import { describe, expect, it } from 'vitest';
import {
  AllowApiServer, AllowDns, AllowExternalEgress, AllowFromNamespace, AllowIngressController, AllowMonitoring, AllowSameNamespace,
  CrossNamespace, DefaultDeny, IsolateDatabase, Peer, Port, StatefulSetPeers, ThreeTier,
} from '../../lib';
import { networkPolicyApiErrors } from '../support/kubernetes-api';
import { PATTERN_CASES } from '../support/pattern-cases';
import { kubernetesValidator, schemaErrors } from '../support/schemas';
import { synthError, synthManifests, toYaml } from '../support/synth';

const synth = (build: Parameters<typeof synthManifests>[1]) => synthManifests('kubernetes', build) as any[];
const byName = (manifests: any[], name: string, namespace = 'shop') => {
  const found = manifests.find((manifest) => manifest.metadata.name === name && manifest.metadata.namespace === namespace);
  if (!found) throw new Error(`no policy ${namespace}/${name} among ${manifests.map((m) => `${m.metadata.namespace}/${m.metadata.name}`).join(', ')}`);
  return found;
};
const DNS_TO = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }];
const DNS_PORTS = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];

describe.each(PATTERN_CASES)('pattern $name (kubernetes)', ({ name, build }) => {
  it('matches its snapshot', async () => {
    await expect(toYaml(synth(build))).toMatchFileSnapshot(`__snapshots__/kubernetes/${name}.yaml`);
  });
  it('synthesizes schema-valid NetworkPolicies the API server accepts', () => {
    for (const manifest of synth(build)) {
      expect(schemaErrors(kubernetesValidator(), manifest)).toEqual([]);
      expect(networkPolicyApiErrors(manifest)).toEqual([]);
    }
  });
});

describe('what each pattern means', () => {
  it('DefaultDeny isolates every pod of the namespace both ways, or only the directions asked', () => {
    expect(byName(synth((chart) => new DefaultDeny(chart, 'DefaultDeny')), 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const ingressOnly = byName(synth((chart) => new DefaultDeny(chart, 'DenyIngress', { directions: ['ingress'] })), 'deny-ingress');
    expect(ingressOnly.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('AllowDns allows UDP and TCP 53 to kube-dns pods in kube-system (selected by name), and nothing else', () => {
    const policy = byName(synth((chart) => new AllowDns(chart, 'AllowDns')), 'allow-dns');
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    expect(policy.spec.egress).toEqual([{ to: DNS_TO, ports: DNS_PORTS }]);
  });

  it('AllowDns takes another DNS location, and adds NodeLocal DNSCache on UDP and TCP 53', () => {
    const policy = byName(synth((chart) => new AllowDns(chart, 'AllowDns', { server: { namespace: 'dns', pods: { app: 'coredns' }, nodeLocalDnsCache: true } })), 'allow-dns');
    expect(policy.spec.egress).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } }], ports: DNS_PORTS },
      { to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: DNS_PORTS },
    ]);
  });

  it('ThreeTier writes both sides of every hop on its own ports, isolates every tier both ways, and gives every tier DNS', () => {
    const manifests = synth((chart) => new ThreeTier(chart, 'Shop', {
      web: { select: { app: 'web' }, ports: [Port.tcp(8080)] },
      app: { select: { app: 'api' }, ports: [Port.tcp(9000)] },
      db: { select: { app: 'postgres' }, ports: [Port.tcp(5432)] },
    }));
    const [web, app, db] = ['shop-web', 'shop-app', 'shop-db'].map((name) => byName(manifests, name));
    for (const tier of [web, app, db]) {
      expect(tier.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(tier.spec.egress).toContainEqual({ to: DNS_TO, ports: DNS_PORTS });
    }
    expect(web.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(web.spec.egress[0]).toEqual({ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 9000 }] });
    expect(app.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 9000 }] }]);
    expect(app.spec.egress[0]).toEqual({ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ protocol: 'TCP', port: 5432 }] });
    expect(db.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(db.spec.egress).toEqual([{ to: DNS_TO, ports: DNS_PORTS }]);
  });

  it('ThreeTier without DNS still isolates egress: the database makes no connections at all', () => {
    const manifests = synth((chart) => new ThreeTier(chart, 'Shop', {
      entry: [Peer.cidr('203.0.113.0/24')],
      web: { select: { app: 'web' }, ports: [Port.tcp(443)] },
      app: { select: { app: 'api' }, ports: [Port.tcp(8080)] },
      db: { select: { app: 'redis' }, ports: [Port.tcp(6379)] },
      dns: false,
    }));
    const db = byName(manifests, 'shop-db');
    expect(db.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(db.spec.egress).toBeUndefined();
    expect(byName(manifests, 'shop-web').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
  });

  it('AllowSameNamespace allows pods of the namespace both ways and nothing from elsewhere', () => {
    const policy = byName(synth((chart) => new AllowSameNamespace(chart, 'Same')), 'same');
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
  });

  it('AllowFromNamespace selects namespaces by name or by labels', () => {
    const byNames = byName(synth((chart) => new AllowFromNamespace(chart, 'FromFrontend', { from: ['frontend', 'admin'], ports: [Port.tcp(80)] })), 'from-frontend');
    expect(byNames.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['frontend', 'admin'] }] } }], ports: [{ protocol: 'TCP', port: 80 }] }]);
    const byLabels = byName(synth((chart) => new AllowFromNamespace(chart, 'FromTeam', { from: { selector: { matchLabels: { team: 'a' } } } })), 'from-team');
    expect(byLabels.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }]);
  });

  it('AllowIngressController lets the controller (only its pods, when given) reach the selected pods', () => {
    const policy = byName(synth((chart) => new AllowIngressController(chart, 'Ingress', { select: { app: 'web' }, controllerNamespace: 'traefik', controllerPods: { app: 'traefik' }, ports: [Port.tcp(8080)] })), 'ingress');
    expect(policy.spec).toMatchObject({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { app: 'traefik' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
  });

  it('AllowMonitoring lets Prometheus scrape only the metrics ports, and needs them', () => {
    const policy = byName(synth((chart) => new AllowMonitoring(chart, 'Metrics', { ports: [Port.tcp('metrics')] })), 'metrics');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 'metrics' }] }]);
    expect(() => synth((chart) => new AllowMonitoring(chart, 'Metrics', { ports: [] }))).toThrow('test/Metrics: ports: give the metrics ports Prometheus scrapes');
  });

  it('AllowExternalEgress allows HTTPS to everything but RFC 1918, with DNS', () => {
    const policy = byName(synth((chart) => new AllowExternalEgress(chart, 'Https')), 'https');
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    expect(policy.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] },
      { to: DNS_TO, ports: DNS_PORTS },
    ]);
  });

  it('AllowExternalEgress with FQDNs cannot be said in Kubernetes', () => {
    expect(synthError('kubernetes', (chart) => new AllowExternalEgress(chart, 'Stripe', { fqdns: ['api.stripe.com'] }))).toContain(
      'test/Stripe/Policy: rules[0].peers[0]: FQDN peers cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium, kubernetes-cnp)',
    );
  });

  it('AllowApiServer renders the API server CIDRs on 443 and 6443, and fails without them', () => {
    const policy = byName(synth((chart) => new AllowApiServer(chart, 'Api', { cidrs: ['192.0.2.10/32'] })), 'api');
    expect(policy.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '192.0.2.10/32' } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] }]);
    expect(synthError('kubernetes', (chart) => new AllowApiServer(chart, 'Api'))).toContain(
      'test/Api/Policy: rules[0].peers[0]: entity peers without CIDRs cannot be expressed exactly in the kubernetes dialect (dialects that can: cilium)',
    );
  });

  it('StatefulSetPeers lets the replicas reach each other both ways on their ports, with DNS', () => {
    const policy = byName(synth((chart) => new StatefulSetPeers(chart, 'Peers', { select: { app: 'db' }, ports: [Port.tcp(7000)] })), 'peers');
    const peers = [{ podSelector: { matchLabels: { app: 'db' } } }];
    expect(policy.spec.ingress).toEqual([{ from: peers, ports: [{ protocol: 'TCP', port: 7000 }] }]);
    expect(policy.spec.egress).toEqual([{ to: peers, ports: [{ protocol: 'TCP', port: 7000 }] }, { to: DNS_TO, ports: DNS_PORTS }]);
  });

  it('CrossNamespace writes the egress side in the client namespace AND the ingress side in the server namespace', () => {
    const manifests = synth((chart) => new CrossNamespace(chart, 'ApiToPayments', {
      client: { namespace: 'api', select: { app: 'api' } },
      server: { namespace: 'payments', select: { app: 'payment-service' } },
      ports: [Port.tcp(8080)],
    }));
    const client = byName(manifests, 'api-to-payments', 'api');
    const server = byName(manifests, 'api-to-payments', 'payments');
    expect(client.spec.egress[0]).toEqual({
      to: [{ podSelector: { matchLabels: { app: 'payment-service' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(client.spec.egress[1]).toEqual({ to: DNS_TO, ports: DNS_PORTS });
    expect(server.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(server.spec.policyTypes).toEqual(['Ingress']);
  });

  it('CrossNamespace refuses one namespace for both ends', () => {
    expect(() => synth((chart) => new CrossNamespace(chart, 'Same', { client: { namespace: 'a', select: {} }, server: { namespace: 'a', select: {} }, ports: [Port.tcp(1)] }))).toThrow(
      'test/Same: client and server are both in namespace a',
    );
  });

  it('IsolateDatabase lets only its clients reach the database ports, and the database reach only DNS', () => {
    const policy = byName(synth((chart) => new IsolateDatabase(chart, 'Db', { select: { app: 'pg' }, ports: [Port.tcp(5432)], clients: [Peer.pods({ app: 'api' })] })), 'db');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(policy.spec.egress).toEqual([{ to: DNS_TO, ports: DNS_PORTS }]);
  });
});
