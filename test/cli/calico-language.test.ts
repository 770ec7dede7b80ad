import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../support/cli';

// The Calico language beyond label selectors, through reader and evaluator: exact, so exit 0.

const deployment = (name: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec: {containers: [{name: c}]}`;
const WORKLOADS = ['apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}', deployment('api', '{app: api}'), deployment('blue', '{team: blue}'), deployment('red', '{team: red}'), deployment('boss', '{team: red, admin: "yes"}')].join('\n---\n');
const POLICY = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  selector: app == 'api'
  types: [Ingress]
  ingress:
  - action: Allow
    protocol: TCP
    source: {selector: "team not in {'red'} || has(admin)"}
    destination: {notPorts: [80, "1000:2000"]}
`;

// `netpol reach` on a folder of the workloads and the policy files given.
async function reachFiles(workloads: string, policy: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-calico-'));
  fs.writeFileSync(path.join(dir, 'w.yaml'), workloads);
  fs.writeFileSync(path.join(dir, 'p.yaml'), policy);
  return runNetpol(['reach', dir], { cwd: dir });
}

describe('netpol reach on the Calico selector and rule language', () => {
  it("evaluates `team not in {'red'} || has(admin)` and notPorts exactly, exit 0", async () => {
    const { code, out, err } = await reachFiles(WORKLOADS, POLICY);
    expect(err).toBe('');
    expect(code).toBe(0);
    const toApi = out.split('\n').filter((line) => line.includes('=> shop/api'));
    // blue is not red, boss is red but admin, red is neither; every TCP port but 80 and 1000-2000.
    expect(toApi).toEqual([
      'shop/blue[Deployment] => shop/api[Deployment] : TCP 1-79,81-999,2001-65535',
      'shop/boss[Deployment] => shop/api[Deployment] : TCP 1-79,81-999,2001-65535',
    ]);
  });
});

describe('netpol reach on Calico notSelector', () => {
  const OTHER = '\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n---\n' + deployment('x', '{team: blue}').replace('namespace: shop', 'namespace: other');
  const notRed = (kind: string) => `apiVersion: projectcalico.org/v3
kind: ${kind}
metadata: {name: api${kind === 'NetworkPolicy' ? ', namespace: shop' : ''}}
spec:
  selector: app == 'api'
  types: [Ingress]
  ingress:
  - action: Allow
    source: {notSelector: team == 'red'}
`;
  const reachApi = async (policy: string) => {
    const { code, out, err } = await reachFiles(WORKLOADS + OTHER, policy);
    return { code, err, toApi: out.split('\n').filter((line) => line.includes('=> shop/api')) };
  };

  it("in a NetworkPolicy: the policy's namespace less what it matches, exit 0", async () => {
    expect(await reachApi(notRed('NetworkPolicy'))).toEqual({ code: 0, err: '', toApi: ['shop/blue[Deployment] => shop/api[Deployment] : All Connections'] });
  });

  it('in a GlobalNetworkPolicy: every pod of every namespace and every address outside, less what it matches, exit 0', async () => {
    expect(await reachApi(notRed('GlobalNetworkPolicy'))).toEqual({
      code: 0,
      err: '',
      toApi: [
        '0.0.0.0-255.255.255.255[External] => shop/api[Deployment] : All Connections',
        'other/x[Deployment] => shop/api[Deployment] : All Connections',
        'shop/blue[Deployment] => shop/api[Deployment] : All Connections',
      ],
    });
  });
});

describe('netpol reach on Calico notProtocol and notICMP', () => {
  it('lists every other protocol, and the ICMP messages notICMP leaves, exit 0', async () => {
    const { code, out, err } = await reachFiles(WORKLOADS, POLICY.replace(/  - action: Allow[\s\S]*$/, `  - {action: Allow, protocol: ICMP, notICMP: {type: 8, code: 0}, source: {selector: team == 'blue'}}
  - {action: Allow, notProtocol: TCP, source: {selector: "team == 'red' && !has(admin)"}}
`));
    expect([code, err]).toEqual([0, '']);
    expect(out.split('\n').filter((line) => line.includes('=> shop/api'))).toEqual([
      'shop/blue[Deployment] => shop/api[Deployment] : ICMP 0-7,8/1-255,9-255',
      'shop/red[Deployment] => shop/api[Deployment] : ICMP 0-255,ICMPv6 0-255,SCTP 1-65535,UDP 1-65535',
    ]);
  });
});

describe('netpol reach on Calico notPorts with named ports', () => {
  it("takes each destination pod's own port of that name out, exit 0", async () => {
    const withPorts = (name: string, port: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, ports: [{name: admin, containerPort: ${port}}]}]}`;
    const { code, out, err } = await reachFiles(['apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}', withPorts('a', 9000), withPorts('b', 9100), deployment('client', '{role: client}')].join('\n---\n'), `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: no-admin}
spec:
  selector: has(app)
  types: [Ingress]
  ingress:
  - {action: Allow, protocol: TCP, source: {selector: role == 'client'}, destination: {ports: ["8000:9500"], notPorts: [admin]}}
`);
    expect([code, err]).toEqual([0, '']);
    expect(out.split('\n').filter((line) => line.startsWith('shop/client'))).toEqual([
      'shop/client[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/client[Deployment] => shop/a[Deployment] : TCP 8000-8999,9001-9500',
      'shop/client[Deployment] => shop/b[Deployment] : TCP 8000-9099,9101-9500',
    ]);
  });
});
