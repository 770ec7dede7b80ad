// netpol convert to and from the ClusterNetworkPolicy dialects (kubernetes-cnp: v1alpha2
// ClusterNetworkPolicy; kubernetes-anp: v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy):
// proven equivalent where the target can say it, refused with the target's exact capability errors
// where it cannot, and the output files named as the input files.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol as run } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');
const WORKLOADS = 'apps/workloads/cluster-guardrails.yaml';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-convert-cluster-'));
const files = (folder: string) => fs.readdirSync(folder).sort();
const read = (folder: string, file: string) => fs.readFileSync(path.join(folder, file), 'utf8');

describe('convert into and between the ClusterNetworkPolicy dialects', () => {
  it('Calico (GlobalNetworkPolicies in tiers) to ClusterNetworkPolicy: proven equivalent on the cover cluster and the workloads', async () => {
    const out = tmp();
    const { code, out: said } = await run(['convert', 'dist/calico/cluster-guardrails', WORKLOADS, '--to', 'kubernetes-cnp', '--out', out]);
    expect(code).toBe(0);
    expect(said).toContain('converted calico to kubernetes-cnp; the output means the same');
    expect(said).toMatch(/cover cluster \(\d+ namespaces?, \d+ workloads?\): \d+ source-destination pairs? compared, all alike/);
    expect(said).toMatch(/given workloads \(\d+ namespaces?, \d+ workloads?\): \d+ source-destination pairs? compared, all alike/);
    expect(files(out)).toEqual(['cluster.yaml', 'shop.yaml']);
    expect(read(out, 'cluster.yaml')).toMatch(/^kind: ClusterNetworkPolicy$/m);
    // netpol diff agrees, across dialects.
    expect((await run(['diff', 'dist/calico/cluster-guardrails', out, '--with', WORKLOADS])).code).toBe(0);
  });

  it('ClusterNetworkPolicy to AdminNetworkPolicy: equivalent, named as the input files, and what the app synthesizes for kubernetes-anp', async () => {
    const out = tmp();
    const { code, out: said } = await run(['convert', 'dist/kubernetes-cnp/cluster-guardrails', WORKLOADS, '--to', 'kubernetes-anp', '--out', out]);
    expect(code).toBe(0);
    expect(said).toContain('converted kubernetes-cnp to kubernetes-anp; the output means the same');
    expect(files(out)).toEqual(['cluster.yaml', 'shop.yaml']);
    // Descriptions, tiers and priorities carry over: byte for byte the app's own ANP output.
    for (const file of files(out)) expect(read(out, file)).toBe(read(path.join(ROOT, 'dist/kubernetes-anp/cluster-guardrails'), file));
  });

  it('AdminNetworkPolicy to ClusterNetworkPolicy: reported equivalent, and netpol diff finds no difference', async () => {
    const out = tmp();
    const { code, out: said } = await run(['convert', 'dist/kubernetes-anp/cluster-guardrails', WORKLOADS, '--to', 'kubernetes-cnp', '--out', out]);
    expect(code).toBe(0);
    expect(said).toContain('converted kubernetes-anp to kubernetes-cnp; the output means the same');
    expect(said).not.toMatch(/\d+ differ/);
    expect(files(out)).toEqual(['cluster.yaml', 'shop.yaml']);
    const diff = await run(['diff', 'dist/kubernetes-anp/cluster-guardrails', out, '--with', WORKLOADS]);
    expect(diff).toMatchObject({ code: 0, out: 'Connectivity diff:\n' });
  });

  const refused = (target: string) => (line: string) => `${line}; dist/kubernetes-cnp/cluster-guardrails/cluster.yaml cannot move to ${target}`;

  it('ClusterNetworkPolicy to Calico: refused with the exact capability errors, nothing written', async () => {
    const out = path.join(tmp(), 'out');
    const { code, err } = await run(['convert', 'dist/kubernetes-cnp/cluster-guardrails', '--to', 'calico', '--out', out]);
    expect(code).toBe(2);
    const calico = 'rules in a direction their policy does not isolate cannot be expressed exactly in the calico dialect (dialects that can: cilium, kubernetes-cnp, kubernetes-anp)';
    const builtIn = (tier: string) => `tier: ${tier} is a tier Calico creates itself (kube-admin, adminnetworkpolicy, default, kube-baseline, baselineadminnetworkpolicy, calico-system, allow-tigera): name your own`;
    // The built-in tiers are named once each, never as clashing with their own order.
    expect(err.trim().split('\n')).toEqual([
      `ClusterNetworkPolicy allow-cluster-dns (Admin tier, priority 0): rules[0].direction: ${calico}`,
      `ClusterNetworkPolicy protect-vault (Admin tier, priority 1): rules[0].direction: ${calico}`,
      `ClusterNetworkPolicy protect-vault (Admin tier, priority 1): rules[1].direction: ${calico}`,
      `ClusterNetworkPolicy protect-vault (Admin tier, priority 1): rules[2].direction: ${calico}`,
      `ClusterNetworkPolicy cluster-default-deny (Baseline tier, priority 0): rules[0].direction: ${calico}`,
      `ClusterNetworkPolicy cluster-default-deny-ingress (Baseline tier, priority 1): rules[0].direction: ${calico}`,
      `ClusterNetworkPolicy allow-cluster-dns (Admin tier, priority 0): ${builtIn('kube-admin')}`,
      `ClusterNetworkPolicy cluster-default-deny (Baseline tier, priority 0): ${builtIn('kube-baseline')}`,
    ].map(refused('calico')));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('ClusterNetworkPolicy to Cilium: refused with the exact capability errors, nothing written', async () => {
    const out = path.join(tmp(), 'out');
    const { code, err } = await run(['convert', 'dist/kubernetes-cnp/cluster-guardrails', '--to', 'cilium', '--out', out]);
    expect(code).toBe(2);
    const tiers = 'tier: tiers cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)';
    const overlap = (earlier: string) =>
      `a deny rule that an allow evaluated before it may overlap (${earlier}; Cilium's deny beats every allow: give the deny's policy a lower order than the allow's, or make them disjoint) cannot be expressed exactly in the cilium dialect (dialects that can: calico, kubernetes-cnp, kubernetes-anp)`;
    expect(err.trim().split('\n')).toEqual([
      `ClusterNetworkPolicy allow-cluster-dns (Admin tier, priority 0): ${tiers}`,
      `ClusterNetworkPolicy protect-vault (Admin tier, priority 1): ${tiers}`,
      `ClusterNetworkPolicy cluster-default-deny (Baseline tier, priority 0): ${tiers}`,
      `ClusterNetworkPolicy cluster-default-deny-ingress (Baseline tier, priority 1): ${tiers}`,
      `ClusterNetworkPolicy protect-vault (Admin tier, priority 1): rules[2]: ${overlap('ClusterNetworkPolicy protect-vault (Admin tier, priority 1): rules[0]')}`,
      `ClusterNetworkPolicy cluster-default-deny (Baseline tier, priority 0): rules[0]: ${overlap('ClusterNetworkPolicy allow-cluster-dns (Admin tier, priority 0): rules[0]')}`,
    ].map(refused('cilium')));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the NetworkPolicies of a ClusterNetworkPolicy app move to Calico and Cilium: proven equivalent', async () => {
    for (const target of ['calico', 'cilium']) {
      const { code, out } = await run(['convert', 'dist/kubernetes-cnp/shop', 'apps/workloads/shop.yaml', '--to', target, '--out', tmp()]);
      expect(code).toBe(0);
      expect(out).toContain(`to ${target}; the output means the same`);
    }
  });
});
