// What the Cilium reader ignores as Cilium 1.19 does (fromRequires/toRequires: a notice, not a
// partial answer) and what it does not analyse (toServices, toGroups, node selectors: exit 3).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../../support/cli';
import { shopCluster } from '../../support/shop-cluster';

const CLUSTER = shopCluster({ web: { app: 'web', env: 'prod' }, api: { app: 'api' } });

const policy = (rules: string) => `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress:
${rules}`;

const REQUIRES = policy(`  - fromEndpoints: [{matchLabels: {app: api}}]
    fromRequires: [{matchLabels: {env: prod}}]
`);
const NOTICE = 'notice: CiliumNetworkPolicy shop/web-in: fromRequires ignored: Cilium 1.19 and later no longer enforce it (an older Cilium enforces it, and may allow less)\n';

const run = (args: string[], stdin?: string) => runNetpol(args, { stdin });

describe('Cilium fromRequires/toRequires', () => {
  it('reach ignores them with a notice on stderr, a complete answer (exit 0), and JSON carries the notice', async () => {
    const text = await run(['reach', '-'], CLUSTER + REQUIRES);
    expect([text.code, text.err]).toEqual([0, NOTICE]);
    // api (no env label) reaches web: the requirement is not enforced.
    expect(text.out).toContain('shop/api[Pod] => shop/web[Pod] : All Connections\n');
    const json = JSON.parse((await run(['reach', '-', '--format', 'json'], CLUSTER + REQUIRES)).out);
    expect([json.notAnalysed, json.notices]).toEqual([[], [NOTICE.slice('notice: '.length, -1)]]);
  });

  it('explain and diff say it too, and diff JSON carries it', async () => {
    const explained = await run(['explain', '-', '--from', 'shop/api', '--to', 'shop/web'], CLUSTER + REQUIRES);
    expect([explained.code, explained.err]).toEqual([0, NOTICE]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-requires-'));
    fs.writeFileSync(path.join(dir, 'old.yaml'), CLUSTER);
    fs.writeFileSync(path.join(dir, 'new.yaml'), CLUSTER + REQUIRES);
    const diffed = await run(['diff', path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), '--format', 'json']);
    expect([diffed.code, diffed.err]).toEqual([0, NOTICE]);
    expect(JSON.parse(diffed.out).notices).toEqual([NOTICE.slice('notice: '.length, -1)]);
  });

  it('the Markdown of reach and diff carries it below the table, for a pull request', async () => {
    const line = `> - ${NOTICE.slice('notice: '.length, -1)}\n`;
    expect((await run(['reach', '-', '--format', 'md'], CLUSTER + REQUIRES)).out).toContain(line);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-requires-'));
    fs.writeFileSync(path.join(dir, 'old.yaml'), CLUSTER);
    fs.writeFileSync(path.join(dir, 'new.yaml'), CLUSTER + REQUIRES);
    expect((await run(['diff', path.join(dir, 'old.yaml'), path.join(dir, 'new.yaml'), '--format', 'md'])).out).toContain(line);
  });

  it('lint says it too, and its JSON carries it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-requires-')), 'policies.yaml');
    fs.writeFileSync(file, CLUSTER + REQUIRES);
    const linted = await run(['lint', file, '--format', 'json']);
    expect(linted.err).toBe(NOTICE);
    expect(JSON.parse(linted.out).notices).toEqual([NOTICE.slice('notice: '.length, -1)]);
  });
});

describe('Cilium peers the analysis does not model', () => {
  it.each([
    ['toServices', 'egress', '  - toServices: [{k8sService: {serviceName: db, namespace: shop}}]\n'],
    ['toGroups', 'egress', '  - toGroups: [{aws: {securityGroupsIds: [sg-1]}}]\n'],
    ['fromNodes', 'ingress', '  - fromNodes: [{matchLabels: {kubernetes.io/hostname: node-1}}]\n'],
  ])('%s: exit 3 naming the policy and the field', async (field, direction, rule) => {
    const { code, err } = await run(['reach', '-'], CLUSTER + policy(rule).replace('  ingress:\n', `  ${direction}:\n`));
    expect(code).toBe(3);
    expect(err).toContain(`error: not analysed, so the answer ignores it: CiliumNetworkPolicy shop/web-in: ${field}\n`);
  });

  it('a host policy (nodeSelector): exit 3 naming it', async () => {
    const host = `---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: nodes}
spec:
  nodeSelector: {}
  ingress: [{fromEntities: [cluster]}]
`;
    const { code, err } = await run(['reach', '-'], CLUSTER + host);
    expect(code).toBe(3);
    expect(err).toContain('CiliumClusterwideNetworkPolicy nodes: a host policy (nodeSelector)');
  });
});
