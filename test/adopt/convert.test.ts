// netpol convert: the example apps' Calico output to Cilium and back is proven equivalent or fails
// with the exact capability errors; a faulty renderer is caught; a hand edit shows in netpol diff.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { convertPolicies } from '../../lib/adopt/convert';
import { NotEquivalent } from '../../lib/adopt/errors';
import { readPolicyFiles } from '../../lib/adopt/policy-files';
import { renderCilium } from '../../lib/dialects/cilium/render';
import { runNetpol as run } from '../support/cli';
import { NetpolError } from '../../lib';

const ROOT = path.resolve(__dirname, '../..');

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-convert-'));

describe('netpol convert of the example apps, Calico to Cilium and back', () => {
  it.each(['shop', 'microservices'])('%s: proven equivalent both ways, on the cover cluster and the app workloads', async (app) => {
    const there = tmp();
    const first = await run(['convert', `dist/calico/${app}`, `apps/workloads/${app}.yaml`, '--to', 'cilium', '--out', there]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^wrote \d+ files? to /);
    expect(first.out).not.toMatch(/^wrote 1 files /);
    expect(first.out).toMatch(/cover cluster \(\d+ namespaces?, \d+ workloads?\): \d+ source-destination pairs? compared, all alike/);
    expect(first.out).toMatch(/given workloads \(\d+ namespaces?, \d+ workloads?\): \d+ source-destination pairs? compared, all alike/);
    const back = await run(['convert', there, `apps/workloads/${app}.yaml`, '--to', 'calico', '--out', tmp()]);
    expect(back.code).toBe(0);
    expect(back.out).toContain('converted cilium to calico; the output means the same');
  });

  it('guardrails: the exact capability errors, and nothing written', async () => {
    const there = path.join(tmp(), 'out');
    const { code, err } = await run(['convert', 'dist/calico/guardrails', '--to', 'cilium', '--out', there]);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toEqual([
      'GlobalNetworkPolicy security.block-cloud-metadata: tier: tiers cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp); dist/calico/guardrails/cluster.yaml cannot move to cilium',
      'GlobalNetworkPolicy security.quarantine: tier: tiers cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp); dist/calico/guardrails/cluster.yaml cannot move to cilium',
      'GlobalNetworkPolicy security.quarantine: rules[0].action: log rules cannot be expressed exactly in the cilium dialect (dialects that can: calico); dist/calico/guardrails/cluster.yaml cannot move to cilium',
      'GlobalNetworkPolicy security.quarantine: rules[2].action: log rules cannot be expressed exactly in the cilium dialect (dialects that can: calico); dist/calico/guardrails/cluster.yaml cannot move to cilium',
    ]);
    expect(fs.existsSync(there)).toBe(false);
  });

  it('Kubernetes to Calico and to Cilium, and Cilium to Kubernetes: proven equivalent', () => {
    const kubernetes = readPolicyFiles(['dist/kubernetes/shop', 'apps/workloads/shop.yaml'], ROOT);
    expect(convertPolicies(kubernetes, { to: 'calico' }).proof.map((comparison) => comparison.changes.length)).toEqual([0, 0]);
    expect(convertPolicies(kubernetes, { to: 'cilium' }).proof.map((comparison) => comparison.changes.length)).toEqual([0, 0]);
    const cilium = readPolicyFiles(['dist/cilium/shop', 'apps/workloads/shop.yaml'], ROOT);
    expect(convertPolicies(cilium, { to: 'kubernetes' }).proof.map((comparison) => comparison.changes.length)).toEqual([0, 0]);
  });

  it('Cilium to Kubernetes where not expressible: the capability errors', () => {
    const cilium = readPolicyFiles(['dist/cilium/storefront'], ROOT);
    expect(() => convertPolicies(cilium, { to: 'kubernetes' })).toThrow(/cannot be expressed exactly in the kubernetes dialect \(dialects that can: .*cilium.*\); dist\/cilium\/storefront\/storefront.yaml cannot move to kubernetes/);
  });
});

describe('convert never drops what it cannot read', () => {
  it('exits 3 naming the file, document, policy and field, writes nothing, and takes no --allow-partial', async () => {
    const there = path.join(tmp(), 'out');
    const { code, out, err } = await run(['convert', 'test/adopt/fixtures/calico-not-analysed.yaml', '--to', 'cilium', '--out', there]);
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err).toContain('test/adopt/fixtures/calico-not-analysed.yaml document 0: NetworkPolicy web/host-forward: spec.applyOnForward, a field NetworkPolicy (projectcalico.org/v3) does not have');
    expect(fs.existsSync(there)).toBe(false);
    // Output without the unread policy would allow more than the input: there is no option to accept that.
    const allowed = await run(['convert', 'test/adopt/fixtures/calico-not-analysed.yaml', '--to', 'cilium', '--out', there, '--allow-partial']);
    expect(allowed.code).toBe(2);
    expect(allowed.err).toContain("unknown option '--allow-partial'");
    expect(fs.existsSync(there)).toBe(false);
  });
});

describe('convert refuses output that does not mean the same', () => {
  it('a renderer that drops the last rule of every policy is caught, naming the pairs', () => {
    const read = readPolicyFiles(['dist/calico/shop'], ROOT);
    const faulty = (intents: Parameters<typeof renderCilium>[0]) => renderCilium(intents.map((intent) => ({ ...intent, rules: intent.rules.slice(0, -1) })));
    let caught: unknown;
    try {
      convertPolicies(read, { to: 'cilium', render: faulty });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotEquivalent);
    const message = (caught as NetpolError).message;
    expect(message).toContain('the output does not mean what the input does; nothing was written');
    expect(message).toMatch(/cover cluster: production\/cover-\d+\[Pod\] => .*: input allows .*, output allows/);
  });
});

describe('convert of a Calico rule on every protocol but one', () => {
  it('refuses, writing nothing: the model\'s four other protocols would leave GRE and the like out of a deny', async () => {
    const input = path.join(tmp(), 'not-tcp.yaml');
    fs.writeFileSync(input, `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: only-tcp, namespace: shop}
spec:
  selector: app == 'api'
  order: 10
  types: [Ingress]
  ingress:
  - {action: Deny, notProtocol: TCP}
  - {action: Allow, source: {selector: app == 'web'}}
`);
    for (const to of ['calico', 'cilium']) {
      const there = path.join(tmp(), 'out');
      const { code, err } = await run(['convert', input, '--to', to, '--out', there]);
      expect(code).toBe(2);
      expect(err).toContain(`NetworkPolicy shop/only-tcp: rules[0].exceptPorts: ports or a protocol taken out of a rule (read from Calico: notPorts with named ports, notProtocol without a protocol) cannot be expressed exactly in the ${to} dialect (no dialect can)`);
      expect(fs.existsSync(there)).toBe(false);
    }
  });
});

describe('netpol diff across dialects', () => {
  it('the Calico original and its Cilium conversion: no difference; after a hand edit: exit 1 naming the pairs', async () => {
    const there = tmp();
    expect((await run(['convert', 'dist/calico/shop', '--to', 'cilium', '--out', there])).code).toBe(0);
    const same = await run(['diff', 'dist/calico/shop', there, '--with', 'apps/workloads/shop.yaml']);
    expect(same.code).toBe(0);
    const file = path.join(there, 'shop.yaml');
    // One rule changed by hand: payment now reaches the provider on port 80 instead of 443.
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace(/(name: payment-provider\n[\s\S]*?port: )"443"/, '$1"80"');
    expect(edited).not.toBe(text);
    fs.writeFileSync(file, edited);
    const changed = await run(['diff', 'dist/calico/shop', there, '--with', 'apps/workloads/shop.yaml']);
    expect(changed.code).toBe(1);
    // Every pair the edit changed is named: payment to each public address block, and nothing else.
    const pair = (block: string) => `diff-type: changed, source: production/payment[Deployment], destination: ${block}[External], dir1:  TCP 443, dir2: TCP 80`;
    expect(changed.out.trim().split('\n')).toEqual([
      'Connectivity diff:',
      ...['0.0.0.0-9.255.255.255', '11.0.0.0-172.15.255.255', '172.32.0.0-192.167.255.255', '192.169.0.0-255.255.255.255'].map(pair),
    ]);
    // The same pairs in JSON, for a pipeline to read.
    const json = JSON.parse((await run(['diff', 'dist/calico/shop', there, '--with', 'apps/workloads/shop.yaml', '-f', 'json'])).out);
    expect(json.changes.map((change: { src: string; dst: string; widening: boolean }) => [change.src, change.dst, change.widening])).toEqual(
      ['0.0.0.0-9.255.255.255', '11.0.0.0-172.15.255.255', '172.32.0.0-192.167.255.255', '192.169.0.0-255.255.255.255'].map((block) => ['production/payment[Deployment]', `${block}[External]`, true]),
    );
  });
});
