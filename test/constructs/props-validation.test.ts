// Props checked at run time, as a JavaScript caller, `as any` or props read from config reach them.
import { App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import * as api from '../../lib';
import { Peer, Policy, PolicyChart, Port } from '../../lib';
import { testChart } from '../support/synth';

type Make = (chart: PolicyChart, props: any) => Construct;
const web = { select: { app: 'web' }, ports: [Port.tcp(80)] };

/** Every construct the package exports, with props it accepts: each must refuse a misspelt field. */
const CONSTRUCTS: Record<string, { make: Make; props: object; misspelt: [string, string] }> = {
  Policy: { make: (chart, props) => new api.Policy(chart, 'It', props), props: {}, misspelt: ['selct', 'select'] },
  DefaultDeny: { make: (chart, props) => new api.DefaultDeny(chart, 'It', props), props: {}, misspelt: ['direction', 'directions'] },
  AllowDns: { make: (chart, props) => new api.AllowDns(chart, 'It', props), props: {}, misspelt: ['sever', 'server'] },
  ThreeTier: { make: (chart, props) => new api.ThreeTier(chart, 'It', props), props: { web, app: web, db: web }, misspelt: ['entyr', 'entry'] },
  AllowSameNamespace: { make: (chart, props) => new api.AllowSameNamespace(chart, 'It', props), props: {}, misspelt: ['selector', 'select'] },
  AllowFromNamespace: { make: (chart, props) => new api.AllowFromNamespace(chart, 'It', props), props: { from: ['a'] }, misspelt: ['prots', 'ports'] },
  AllowIngressController: { make: (chart, props) => new api.AllowIngressController(chart, 'It', props), props: {}, misspelt: ['controllerNamespaces', 'controllerNamespace'] },
  AllowMonitoring: { make: (chart, props) => new api.AllowMonitoring(chart, 'It', props), props: { ports: [Port.tcp(9090)] }, misspelt: ['monitoringNamspace', 'monitoringNamespace'] },
  AllowExternalEgress: { make: (chart, props) => new api.AllowExternalEgress(chart, 'It', props), props: {}, misspelt: ['excepts', 'except'] },
  AllowFromCidr: { make: (chart, props) => new api.AllowFromCidr(chart, 'It', props), props: { cidr: '192.0.2.0/24' }, misspelt: ['Except', 'except'] },
  AllowApiServer: { make: (chart, props) => new api.AllowApiServer(chart, 'It', props), props: { cidrs: ['192.0.2.1/32'] }, misspelt: ['cidr', 'cidrs'] },
  StatefulSetPeers: { make: (chart, props) => new api.StatefulSetPeers(chart, 'It', props), props: { select: { app: 'db' } }, misspelt: ['dsn', 'dns'] },
  CrossNamespace: {
    make: (chart, props) => new api.CrossNamespace(chart, 'It', props),
    props: { client: { namespace: 'a', select: {} }, server: { namespace: 'b', select: {} }, ports: [Port.tcp(1)] },
    misspelt: ['nmae', 'name'],
  },
  IsolateDatabase: { make: (chart, props) => new api.IsolateDatabase(chart, 'It', props), props: { ...web, clients: [Peer.pods({ app: 'api' })] }, misspelt: ['client', 'clients'] },
  AllowClusterDns: { make: (chart, props) => new api.AllowClusterDns(chart, 'It', props), props: {}, misspelt: ['servr', 'server'] },
  ProtectNamespace: { make: (chart, props) => new api.ProtectNamespace(chart, 'It', props), props: { namespace: 'a', from: [Peer.namespace('b')] }, misspelt: ['admti', 'admit'] },
  ClusterDefaultDeny: { make: (chart, props) => new api.ClusterDefaultDeny(chart, 'It', props), props: {}, misspelt: ['exmept', 'exempt'] },
};

describe('construct props at run time', () => {
  it('covers every construct class the package exports', () => {
    const classes = Object.entries(api).filter(([name, value]) => typeof value === 'function' && value.prototype instanceof Construct && name !== 'PolicyChart');
    expect(classes.map(([name]) => name).sort()).toEqual(Object.keys(CONSTRUCTS).sort());
  });

  for (const [name, { make, props, misspelt: [typo, meant] }] of Object.entries(CONSTRUCTS)) {
    it(`${name}: a misspelt field fails with the construct path, the field and the one meant`, () => {
      const chart = testChart('cilium');
      expect(() => make(chart, { ...props, [typo]: undefined })).toThrow(`test/It: ${typo}: unknown field: did you mean \`${meant}\`?`);
      expect(chart.node.tryFindChild('It')).toBeUndefined();
      expect(() => make(testChart('cilium'), props)).not.toThrow();
    });
  }

  it('names a misspelt field inside a ThreeTier tier, and only once (not also as a missing one)', () => {
    const props = { web, app: { selct: { app: 'api' }, ports: [Port.tcp(8080)] }, db: web };
    expect(() => new api.ThreeTier(testChart('kubernetes'), 'Shop', props as any)).toThrow(/^test\/Shop: app\.selct: unknown field: did you mean `select`\?$/);
  });

  it('names a missing required prop, with what to give', () => {
    const client = { namespace: 'api', select: { app: 'api' } };
    expect(() => new api.CrossNamespace(testChart('kubernetes'), 'X', { client, ports: [Port.tcp(80)] } as any)).toThrow('test/X: server: required: give an object with namespace, select');
    expect(() => new api.AllowFromCidr(testChart('kubernetes'), 'Y', {} as any)).toThrow('test/Y: cidr: required: give a string');
    expect(() => new api.ThreeTier(testChart('kubernetes'), 'Z', { web, app: web, db: { ports: [] } } as any)).toThrow('test/Z: db.select: required: give labels');
  });

  it('names a prop of the wrong type', () => {
    expect(() => new Policy(testChart('kubernetes'), 'P', { order: '10' } as any)).toThrow('test/P: order: expected a number, got "10"');
    expect(() => new Policy(testChart('kubernetes'), 'Q', { select: 'web' } as any)).toThrow('test/Q: select: expected labels');
    expect(() => new api.IsolateDatabase(testChart('kubernetes'), 'R', { ...web, clients: Peer.pods({}) } as any)).toThrow('test/R: clients: expected an array, got an object');
    expect(() => new api.AllowDns(testChart('kubernetes'), 'S', { server: { nodeLocalDnsCache: 'yes' } } as any)).toThrow('test/S: server.nodeLocalDnsCache');
  });

  it('checks the chart props, cdk8s ones included', () => {
    expect(() => new PolicyChart(new App(), 'C', { dialekt: 'cilium' } as any)).toThrow('C: dialekt: unknown field: did you mean `dialect`?');
    expect(() => new PolicyChart(new App(), 'D', { namespce: 'x' } as any)).toThrow('D: namespce: unknown field: did you mean `namespace`?');
    expect(new PolicyChart(new App(), 'E', { namespace: 'x', labels: { a: 'b' }, disableResourceNameHashes: true }).namespace).toBe('x');
  });

  it('checks rule options: a misspelt `ports` would otherwise allow every port', () => {
    const policy = new Policy(testChart('kubernetes'), 'P');
    expect(() => policy.allowFrom(Peer.any(), { port: [Port.tcp(80)] } as any)).toThrow('test/P: options.port: unknown field: did you mean `ports`?');
    expect(() => policy.allowFrom(Peer.any(), { ports: Port.tcp(80) } as any)).toThrow('test/P: options.ports: expected an array');
    expect(() => policy.allowFrom('web' as any)).toThrow('test/P: peers: expected a peer');
    expect(policy.intent.rules).toEqual([]);
  });

  it('takes the namespace shorthand { selector: labels } as the matchLabels it means', () => {
    const chart = testChart('calico');
    const policy = new Policy(chart, 'P', { clusterWide: true, namespaces: { selector: { team: 'x' } } }).allowFrom(Peer.pods({}, { selector: { team: 'y' } }));
    expect(policy.intent.subject.namespaces).toEqual({ selector: { matchLabels: { team: 'x' } } });
    expect(policy.intent.rules[0].peers[0]).toEqual({ kind: 'pods', pods: {}, namespaces: { selector: { matchLabels: { team: 'y' } } } });
    expect(new api.AllowFromNamespace(testChart('kubernetes'), 'F', { from: { selector: { team: 'z' } } }).policy.intent.rules[0].peers[0]).toEqual(Peer.namespacesWithLabels({ team: 'z' }));
  });
});

describe('Peer and Port factory arguments', () => {
  it('refuses what they would misread, naming the factory and the argument', () => {
    expect(() => (Port.tcp as any)()).toThrow('Port.tcp: port: required');
    expect(() => (Port.udp as any)(undefined, 60)).toThrow('Port.udp: port: required');
    expect(() => Port.all('HTTP' as any)).toThrow('Port.all: protocol: "HTTP" is not one of TCP, UDP, SCTP');
    expect(() => (Peer.pods as any)()).toThrow('Peer.pods: pods: required: give labels');
    expect(() => Peer.pods({ app: 'a' }, 'all-of-them' as any)).toThrow('Peer.pods: namespaces');
    expect(() => Peer.cidr('10.0.0.0/8', '10.1.0.0/16' as any)).toThrow('Peer.cidr: except: expected an array of strings, got "10.1.0.0/16"');
    expect(() => Peer.entity('kube-apiserver', '192.0.2.1/32' as any)).toThrow('Peer.entity: cidrs: expected an array');
    expect(() => (Peer.namespacesWithLabels as any)()).toThrow('Peer.namespacesWithLabels: selector: required');
    // A dropped selector would widen "these names AND these labels" to the names alone.
    expect(() => Peer.serviceAccount({ names: ['a'], selectr: { tier: 'x' } } as any)).toThrow('Peer.serviceAccount: options.selectr: unknown field: did you mean `selector`?');
  });

  it('says the shapes a choice takes where the value fits none of them better than another', () => {
    // Labels where { selector: labels } was meant: naming only { names } would mislead.
    expect(() => Peer.pods({ app: 'a' }, { team: 'a' } as any)).toThrow('Peer.pods: namespaces: expected an object with names or an object with selector, got an object with team');
    expect(() => new Policy(testChart('kubernetes'), 'P', { clusterWide: true, namespaces: { selector: { team: 'a' }, names: ['b'] } } as any)).toThrow('test/P: namespaces: expected an object with names or an object with selector, got an object with selector, names');
    expect(() => Peer.pods({ app: 'a' }, 'team-a' as any)).toThrow('Peer.pods: namespaces: expected "all", an array of strings, an object with names or an object with selector, got "team-a"');
    expect(() => Port.tcp({} as any)).toThrow('Port.tcp: port: expected a number or a string, got an empty object');
  });

  it('leaves the contents to the rule check, which names the construct path', () => {
    expect(() => new Policy(testChart('kubernetes'), 'P').allowTo(Peer.entity('wrld' as any))).toThrow('test/P: rules[0].peers[0].entity: "wrld" is not one of world, cluster, host, remote-node, kube-apiserver, ingress, health, init, unmanaged, all: did you mean `world`?');
  });

  it('runs in a plain JavaScript app the same way', () => {
    const chart = new PolicyChart(Testing.app(), 'js', { namespace: 'shop' });
    expect(() => new api.ThreeTier(chart, 'Shop', JSON.parse('{"web":{"selct":{"app":"web"},"ports":[]},"app":{"select":{},"ports":[]},"db":{"select":{},"ports":[]}}'))).toThrow('js/Shop: web.selct: unknown field: did you mean `select`?');
  });
});

describe('errors about rules the library added', () => {
  it('names the DNS rule FQDN peers need as such, not by a field the user never wrote', () => {
    const chart = testChart('kubernetes');
    new Policy(chart, 'P').allowTo(Peer.fqdn('api.example.com'), { ports: [Port.tcp(443)] });
    expect(() => Testing.synth(chart)).toThrow('test/P: the DNS rule that FQDN peers need (added for rules[0]): L7 DNS matches cannot be expressed exactly in the kubernetes dialect');
  });
});
