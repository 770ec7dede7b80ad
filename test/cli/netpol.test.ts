// The netpol command: netpol-analyzer's list format, the other formats, explain, diff, exit codes.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import { runNetpol } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');

const run = (args: string[], cwd?: string) => runNetpol(args, { cwd });

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const pod = (namespace: string, name: string, labels: string, ports = '[]') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec: {containers: [{name: c, ports: ${ports}}]}`;
const WORKLOADS = [
  pod('default', 'frontend', '{app: frontend}', '[{containerPort: 8080, name: http}]'),
  pod('default', 'backend', '{app: backend}', '[{containerPort: 9090, name: http}, {containerPort: 53, protocol: UDP}]'),
].join('\n---\n');
// netpol-analyzer's own minimal example, in spirit: backend takes TCP 9090 from frontend only; frontend takes 8080 from anywhere.
const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: backend-netpol, namespace: default}
spec:
  podSelector: {matchLabels: {app: backend}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: frontend}}}]
    ports: [{port: 9090, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: frontend-netpol, namespace: default}
spec:
  podSelector: {matchLabels: {app: frontend}}
  policyTypes: [Ingress, Egress]
  ingress:
  - ports: [{port: 8080}]
  egress:
  - to: [{podSelector: {matchLabels: {app: backend}}}]
    ports: [{port: 9090}]
  - ports: [{port: 53, protocol: UDP}]
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
    ports: [{port: 443}, {port: 80}, {port: 8000, endPort: 8100}, {port: 7070, protocol: SCTP}]
`;
// An AdminNetworkPolicy with a peer the analysis does not model (nodes).
const ANP_WITH_NODES = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: anp}\nspec: {priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: [{nodes: {}}]}]}';
const minimal = () => folder({ 'workloads.yaml': WORKLOADS, 'policies/netpols.yaml': POLICIES });
// 110 workloads no policy isolates: 110 × 109 pairs, and each workload from and to anywhere outside.
const CROWDED = Array.from({ length: 110 }, (_, index) => pod('default', `app-${index}`, `{app: app-${index}}`)).join('\n---\n');
const crowded = (files: Record<string, string> = {}) => folder({ 'workloads.yaml': CROWDED, ...files });

describe('netpol reach', () => {
  it("writes netpol-analyzer's list: sorted SRC => DST : CONN lines, external blocks cut by the egress rules", async () => {
    const { code, out, err } = await run(['reach', minimal()]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080',
        'default/frontend[Deployment] => 0.0.0.0-9.255.255.255[External] : UDP 53',
        'default/frontend[Deployment] => 10.0.0.0-10.0.255.255[External] : SCTP 7070,TCP 80,443,8000-8100,UDP 53',
        'default/frontend[Deployment] => 10.1.0.0-10.1.255.255[External] : UDP 53',
        'default/frontend[Deployment] => 10.2.0.0-10.255.255.255[External] : SCTP 7070,TCP 80,443,8000-8100,UDP 53',
        'default/frontend[Deployment] => 11.0.0.0-255.255.255.255[External] : UDP 53',
        'default/frontend[Deployment] => default/backend[Deployment] : TCP 9090',
        '',
      ].join('\n'),
    );
  });


  it('writes a long listing in batches of 10,000 lines, each once standard output has taken the one before', async () => {
    const dir = crowded();
    const whole = await run(['reach', dir]);
    expect(whole.out.split('\n')).toHaveLength(110 * 109 + 2 * 110 + 1);
    const writes: string[] = [];
    const events: string[] = [];
    const code = await main(['reach', dir], {
      out: (text) => (writes.push(text), events.push('out')),
      err: () => {},
      cwd: ROOT,
      drained: async () => (events.push('drained'), true),
    });
    expect(code).toBe(0);
    expect(writes.join('')).toBe(whole.out);
    expect(writes.map((text) => text.split('\n').length - 1)).toEqual([10_000, 110 * 109 + 2 * 110 - 10_000]);
    expect(events).toEqual(['out', 'drained', 'out']);
  });

  it('writes JSON and Markdown in batches too, each the same text as written whole', async () => {
    for (const dir of [crowded(), folder({ 'policies.yaml': POLICIES })]) {
      const lines = (await run(['reach', dir])).out.split('\n').slice(0, -1);
      const json = (await run(['reach', dir, '-f', 'json'])).out;
      const parsed = JSON.parse(json);
      expect(json).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
      expect(Object.keys(parsed)).toEqual(['connections', 'notAnalysed', 'notices']);
      expect(parsed.connections.map(({ src, dst, conn }: { src: string; dst: string; conn: string }) => `${src} => ${dst} : ${conn}`)).toEqual(lines);
      const md = (await run(['reach', dir, '-f', 'md'])).out.split('\n');
      expect(md.slice(0, 2)).toEqual(['| src | dst | conn |', '|-----|-----|------|']);
      expect(md.slice(2, 2 + lines.length)).toEqual(lines.map((line) => `| ${line.replace(' => ', ' | ').replace(' : ', ' | ')} |`));
    }
  });

  it('stops listing when nothing reads standard output any more, with the exit code it would have had', async () => {
    const writes: string[] = [];
    const code = await main(['reach', crowded()], { out: (text) => writes.push(text), err: () => {}, cwd: ROOT, drained: async () => false });
    expect(code).toBe(0);
    expect(writes).toHaveLength(1);
  });

  it('keeps only the pairs of one workload with --focus', async () => {
    const { out } = await run(['reach', minimal(), '--focus', 'default/backend']);
    expect(out).toBe('default/frontend[Deployment] => default/backend[Deployment] : TCP 9090\n');
  });

  it('gives the same pairs as JSON data, a Markdown table and a Mermaid graph', async () => {
    const dir = minimal();
    const { connections: json, notAnalysed } = JSON.parse((await run(['reach', dir, '--format', 'json'])).out);
    expect(notAnalysed).toEqual([]);
    expect(json[0]).toEqual({ src: '0.0.0.0-255.255.255.255[External]', dst: 'default/frontend[Deployment]', conn: 'TCP 8080', allowed: { TCP: ['8080'] } });
    expect(json).toHaveLength(7);
    const md = (await run(['reach', dir, '--format', 'md'])).out.split('\n');
    expect(md.slice(0, 3)).toEqual(['| src | dst | conn |', '|-----|-----|------|', '| 0.0.0.0-255.255.255.255[External] | default/frontend[Deployment] | TCP 8080 |']);
    const mermaid = (await run(['reach', dir, '--format', 'mermaid'])).out;
    expect(mermaid).toMatch(/^```mermaid\ngraph LR\n/);
    expect(mermaid).toContain('subgraph ns1["default"]');
    expect(mermaid).toMatch(/n\d+ -->\|"TCP 9090"\| n\d+/);
  });

  it('reads every example app the same in every dialect it is written in', async () => {
    const workloads = ['apps/workloads/platform.yaml'];
    for (const app of ['shop', 'microservices']) {
      const outputs = await Promise.all(['kubernetes', 'calico', 'cilium'].map(async (dialect) => (await run(['reach', `dist/${dialect}/${app}`, ...workloads, `apps/workloads/${app}.yaml`])).out));
      expect(outputs[0].split('\n').length).toBeGreaterThan(10);
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    }
  });

  it('exits 3 naming what it could not analyse; --allow-partial exits 0 with the same notice', async () => {
    const dir = folder({ 'w.yaml': WORKLOADS, 'p.yaml': ANP_WITH_NODES });
    const line = 'not analysed, so the answer ignores it: AdminNetworkPolicy anp: peer field nodes\n';
    const partial = await run(['reach', dir]);
    expect(partial.code).toBe(3);
    expect(partial.err).toBe(`error: ${line}exit 3: the answer is partial; --allow-partial accepts it\n`);
    const allowed = await run(['reach', dir, '--allow-partial']);
    expect(allowed.code).toBe(0);
    expect(allowed.err).toBe(`warning: ${line}`);
    expect(allowed.out).toBe(partial.out);
    const json = JSON.parse((await run(['reach', dir, '--allow-partial', '-f', 'json'])).out);
    expect(json.notAnalysed).toEqual([{ policy: 'AdminNetworkPolicy anp', feature: 'peer field nodes' }]);
    expect((await run(['explain', dir, '--from', 'default/frontend', '--to', 'default/backend'])).code).toBe(3);
  });

  it('says so when there are policies and no workloads; --strict exits 3', async () => {
    const dir = folder({ 'p.yaml': POLICIES });
    const loose = await run(['reach', dir]);
    expect(loose).toMatchObject({ code: 0, err: expect.stringContaining('warning: the input has policies but no workloads') });
    expect(await run(['reach', dir, '--strict'])).toMatchObject({ code: 3, err: expect.stringContaining('error: the input has policies but no workloads') });
    expect((await run(['reach', minimal(), '--strict'])).code).toBe(0);
  });

  it('reads standard input as -, beside files', async () => {
    const dir = folder({ 'p.yaml': POLICIES });
    const { code, out } = await runNetpol(['reach', '-', dir], { stdin: WORKLOADS });
    expect(code).toBe(0);
    expect(out).toBe((await run(['reach', minimal()])).out);
  });
});

describe('netpol explain', () => {
  it('names the rule that allows each direction, and the policies that do not apply', async () => {
    const { code, out } = await run(['explain', minimal(), '--from', 'default/frontend', '--to', 'default/backend', '--port', 'TCP/9090']);
    expect(code).toBe(0);
    expect(out).toContain('default/frontend[Deployment] => default/backend[Deployment] (TCP 9090): allowed');
    expect(out).toContain('TCP 9090: allowed by NetworkPolicy default/frontend-netpol egress[0]');
    expect(out).toContain('TCP 9090: allowed by NetworkPolicy default/backend-netpol ingress[0]');
    expect(out).toContain('not selecting default/backend[Deployment]: NetworkPolicy default/frontend-netpol');
  });

  it('names the lack of a rule, and takes addresses and named ports', async () => {
    const dir = minimal();
    const denied = await run(['explain', dir, '--from', 'default/backend', '--to', '8.8.8.8']);
    expect(denied.out).toContain('default/backend[Deployment] => 0.0.0.0-9.255.255.255[External] (every connection): denied');
    expect(denied.out).toContain('All Connections: denied: no rule allows it, and NetworkPolicy default/backend-netpol isolates egress');
    const named = await run(['explain', dir, '--from', 'default/frontend', '--to', 'default/backend', '--port', 'TCP/http']);
    expect(named.out).toContain('(TCP 9090): allowed');
    // A port alone is TCP, as in a NetworkPolicy.
    const bare = await run(['explain', dir, '--from', 'default/frontend', '--to', 'default/backend', '--port', '9090']);
    expect(bare.out).toContain('(TCP 9090): allowed');
  });

  it('notes that most CNIs do not enforce policy on host-network pods', async () => {
    const { out } = await run(['explain', 'dist/kubernetes/shop', 'apps/workloads', '--from', 'monitoring/prometheus', '--to', 'monitoring/node-exporter']);
    expect(out).toContain('note: monitoring/node-exporter[DaemonSet] uses the host network; most CNIs do not enforce network policy on such pods');
  });

  it('exits 2 on an endpoint that is not there or a bad port', async () => {
    expect(await run(['explain', minimal(), '--from', 'default/nothing', '--to', 'default/backend'])).toMatchObject({ code: 2, err: expect.stringContaining('default/nothing: is not a source here: give a workload') });
    // A pod's name where its workload's is printed, or a typo: the nearest workload is suggested.
    expect(await run(['explain', minimal(), '--from', 'default/frontend', '--to', 'default/backnd'])).toMatchObject({ code: 2, err: expect.stringContaining('default/backnd: is not a destination here: did you mean `default/backend`?') });
    // A pod's name, as kubectl get pods prints it: its workload's name and a suffix.
    expect(await run(['explain', minimal(), '--from', 'default/frontend-7d4b9c6f5-x2x4k', '--to', 'default/backend'])).toMatchObject({ code: 2, err: expect.stringContaining('default/frontend-7d4b9c6f5-x2x4k: is not a source here: did you mean `default/frontend`?') });
    expect(await run(['explain', minimal(), '--from', 'default/frontend', '--to', 'default/backend', '--port', 'TCP/99999x'])).toMatchObject({ code: 2 });
  });
});

describe('netpol diff', () => {
  const wider = POLICIES.replace('ports: [{port: 9090, protocol: TCP}]', 'ports: [{port: 9090, protocol: TCP}, {port: 53, protocol: UDP}]');

  it('writes a long diff in batches, in every format the same text as written whole', async () => {
    const denyAll = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}';
    const [before, after] = [crowded(), crowded({ 'deny.yaml': denyAll })];
    const removed = 110 * 109 + 2 * 110;
    const text = await run(['diff', before, after]);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toHaveLength(1 + removed + 1);
    const json = (await run(['diff', before, after, '-f', 'json'])).out;
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    expect(JSON.parse(json).changes).toHaveLength(removed);
    expect((await run(['diff', before, after, '-f', 'md'])).out.split('\n')).toHaveLength(2 + removed + 1);
  });

  it("writes netpol-analyzer's diff lines and exits 1 when the new version allows more", async () => {
    const before = minimal();
    const after = folder({ 'workloads.yaml': WORKLOADS, 'policies/netpols.yaml': wider });
    const { code, out } = await run(['diff', before, after]);
    expect(code).toBe(1);
    expect(out).toBe('Connectivity diff:\ndiff-type: changed, source: default/frontend[Deployment], destination: default/backend[Deployment], dir1:  TCP 9090, dir2: TCP 9090,UDP 53\n');
    expect((await run(['diff', after, before])).code).toBe(0);
    const md = (await run(['diff', before, after, '--format', 'md'])).out;
    expect(md).toContain('| changed | default/frontend[Deployment] | default/backend[Deployment] | TCP 9090 | TCP 9090,UDP 53 |  |');
  });

  it('counts a new path allowed only for some HTTP requests as a widening (exit 1)', async () => {
    const cnp = (http: boolean) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: backend, namespace: default}
spec:
  endpointSelector: {matchLabels: {app: backend}}
  ingress:
  - fromEndpoints: [{matchLabels: {app: frontend}}]
    toPorts: [{ports: [{port: '9090', protocol: TCP}]}]
${http ? "  - fromEndpoints: [{matchLabels: {app: frontend}}]\n    toPorts: [{ports: [{port: '8080', protocol: TCP}], rules: {http: [{method: GET, path: /api/.*}]}}]\n" : ''}`;
    const before = folder({ 'workloads.yaml': WORKLOADS, 'policies/cnp.yaml': cnp(false) });
    const after = folder({ 'workloads.yaml': WORKLOADS, 'policies/cnp.yaml': cnp(true) });
    const { code, out } = await run(['diff', before, after, '-f', 'json']);
    expect(code).toBe(1);
    const changes = JSON.parse(out).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ diffType: 'changed', src: 'default/frontend[Deployment]', dst: 'default/backend[Deployment]', widening: true });
    // The HTTP-only path is in the new version's connections, and removing it narrows.
    expect(changes[0].dir2).toContain('8080');
    expect((await run(['diff', after, before])).code).toBe(0);
  });

  it('exits 3, not 1, when a version is read partially, and 2 over both on bad input', async () => {
    const anp = ANP_WITH_NODES;
    const before = minimal();
    const after = folder({ 'workloads.yaml': WORKLOADS, 'policies/netpols.yaml': wider, 'anp.yaml': anp });
    expect((await run(['diff', before, after])).code).toBe(3);
    expect((await run(['diff', before, after, '--allow-partial'])).code).toBe(1);
    const json = JSON.parse((await run(['diff', before, after, '--allow-partial', '-f', 'json'])).out);
    expect(json.notAnalysed).toHaveLength(1);
    expect(json.changes[0]).toMatchObject({ diffType: 'changed', widening: true });
    const broken = folder({ 'workloads.yaml': WORKLOADS, 'policies/netpols.yaml': wider, 'anp.yaml': anp, 'bad.yaml': 'kind: [' });
    expect((await run(['diff', before, broken])).code).toBe(2);
  });

  it('reports added and removed workloads, and re-cuts external blocks so versions compare', async () => {
    const before = minimal();
    const after = folder({ 'workloads.yaml': `${WORKLOADS}\n---\n${pod('default', 'worker', '{app: worker}')}`, 'policies/netpols.yaml': POLICIES.replace('cidr: 10.0.0.0/8, except: [10.1.0.0/16]', 'cidr: 10.0.0.0/8') });
    const { code, out } = await run(['diff', before, after]);
    expect(code).toBe(1);
    expect(out).toContain('diff-type: changed, source: default/frontend[Deployment], destination: 10.1.0.0-10.1.255.255[External], dir1:  UDP 53, dir2: SCTP 7070,TCP 80,443,8000-8100,UDP 53');
    expect(out).toContain('diff-type: added, source: default/worker[Deployment], destination: default/frontend[Deployment], dir1:  No Connections, dir2: TCP 8080, workloads-diff-info: workload default/worker[Deployment] added');
  });

  it('compares a git revision of a folder (REV:PATH) with the working copy', async () => {
    const repo = minimal();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    fs.writeFileSync(path.join(repo, 'policies/netpols.yaml'), wider);
    const { code, out } = await run(['diff', 'HEAD:.', '.'], repo);
    expect(code).toBe(1);
    expect(out).toContain('dir1:  TCP 9090, dir2: TCP 9090,UDP 53');
    // A REV:PATH is relative to the current directory, as a path on disk is.
    expect((await run(['diff', 'HEAD:..', '..'], path.join(repo, 'policies'))).code).toBe(1);
    expect(await run(['diff', 'nope:.', '.'], repo)).toMatchObject({ code: 2, err: expect.stringContaining('nope:.: not a file, directory or REV:PATH') });
  });
});

describe('bad input', () => {
  it('exits 2 naming the file and document of a malformed manifest', async () => {
    const dir = folder({ 'bad.yaml': `${WORKLOADS}\n---\nkind: [oops` });
    const { code, err } = await run(['reach', dir]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${path.join(dir, 'bad.yaml')} document 2 line \\d+ column \\d+: not valid YAML`));
  });

  it('exits 2 when the policies of two engines are mixed, unless --cni chooses one', async () => {
    const calico = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c, namespace: default}\nspec: {selector: all(), types: [Ingress]}';
    const cilium = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c, namespace: default}\nspec: {endpointSelector: {}, ingress: [{}]}';
    const dir = folder({ 'w.yaml': WORKLOADS, 'c.yaml': calico, 'd.yaml': cilium });
    expect(await run(['reach', dir])).toMatchObject({ code: 2, err: expect.stringContaining('mix policy kinds of calico and cilium') });
    const chosen = await run(['reach', dir, '--cni', 'calico', '--allow-partial']);
    expect(chosen.code).toBe(0);
    expect(chosen.err).toContain('CiliumNetworkPolicy default/c: kind cilium.io/v2/CiliumNetworkPolicy, which the calico engine does not enforce');
    expect((await run(['reach', dir, '--cni', 'weave'])).code).toBe(2);
  });

  it('exits 2 on an unknown command or option, 0 on --help of every command', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['reach', '--bogus', '.'])).code).toBe(2);
    expect((await run(['reach', minimal(), '--focus', '8.8.8.8'])).code).toBe(2);
    for (const command of [[], ['reach'], ['explain'], ['diff']]) {
      const { code, out } = await run([...command, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: netpol/);
    }
  });
});

describe('bin/netpol.js', () => {
  // Listed in batches (text) or written whole (JSON): either way far more than a pipe holds.
  it.each(['text', 'json'])('ends quietly when its reader goes away (netpol reach -f %s ... | head -1)', (format) => {
    const dir = folder({ 'workloads.yaml': Array.from({ length: 110 }, (_, index) => pod('default', `app-${index}`, `{app: app-${index}}`)).join('\n---\n') });
    const result = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" reach -f "$2" "$3" | head -1', process.execPath, path.join(ROOT, 'bin/netpol.js'), format, dir], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(2);
  });

  it('runs in the repository without a build', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/netpol.js'), 'reach', minimal()], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('default/frontend[Deployment] => default/backend[Deployment] : TCP 9090\n');
  });
});
