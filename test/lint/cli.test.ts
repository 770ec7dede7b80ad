// netpol lint: formats, exit codes (2 bad input > 3 partial > 1 error finding > 0), silencing, SARIF validity.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../support/cli';
import { sarifValidator } from '../support/schemas';

const run = (args: string[], cwd: string) => runNetpol(args, { cwd });

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const fixture = (id: string, which: 'failing' | 'passing') => fs.readFileSync(path.join(__dirname, 'fixtures', id, `${which}.yaml`), 'utf8');
// A warning (UDP-only DNS) and an error (an except that leaves nothing) in two files.
const MIXED = () => folder({ 'dns.yaml': fixture('dns-udp-only', 'failing'), 'cidr/partners.yaml': fixture('except-equals-cidr', 'failing') });

describe('netpol lint', () => {
  it('prints each finding with its place, why and fix, and exits 1 on an error', async () => {
    const { code, out } = await run(['lint', '.'], MIXED());
    expect(code).toBe(1);
    expect(out).toContain('cidr/partners.yaml document 0: CiliumNetworkPolicy shop/partners: error except-equals-cidr: egress rule 1: the except 203.0.113.0/24 leaves nothing of 203.0.113.0/24\n  why: ');
    expect(out).toContain('dns.yaml document 0: NetworkPolicy shop/dns: warning dns-udp-only: ');
    expect(out).toContain('  fix: allow TCP 53 to the same peers as UDP 53');
    expect(out.trim().split('\n').pop()).toBe('2 findings: 1 error(s), 1 warning(s), 0 info');
  });

  it('lints ClusterNetworkPolicies and AdminNetworkPolicies, each finding placed in its file', async () => {
    const root = path.resolve(__dirname, '../..');
    for (const [dialect, kind] of [['kubernetes-cnp', 'ClusterNetworkPolicy'], ['kubernetes-anp', 'AdminNetworkPolicy']]) {
      const { code, out } = await run(['lint', `dist/${dialect}/cluster-guardrails`], root);
      expect(code).toBe(0);
      expect(out).toContain(`dist/${dialect}/cluster-guardrails/cluster.yaml document 1: ${kind} protect-vault: info mutable-namespace-label: `);
    }
  });

  it('exits 0 on warnings only, and says so when there is nothing', async () => {
    expect((await run(['lint', 'dns.yaml'], MIXED())).code).toBe(0);
    const clean = await run(['lint', 'p.yaml'], folder({ 'p.yaml': fixture('dns-udp-only', 'passing') }));
    expect(clean).toMatchObject({ code: 0, out: 'no findings\n' });
  });

  it('--disable silences a check everywhere; an unknown id is bad input naming the valid ones', async () => {
    const dir = MIXED();
    const { code, out } = await run(['lint', '.', '--disable', 'except-equals-cidr'], dir);
    expect(code).toBe(0);
    expect(out).not.toContain('except-equals-cidr');
    expect(out).toContain('dns-udp-only');
    const typo = await run(['lint', '.', '--disable', 'dns-udp'], dir);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/--disable: "dns-udp" is not a lint check: use one of .*dns-udp-only/);
  });

  it('the netpol.cdk8s.io/lint-disable annotation silences checks on that policy only', async () => {
    const silenced = fixture('except-equals-cidr', 'failing').replace('metadata: {name: partners, namespace: shop}', "metadata: {name: partners, namespace: shop, annotations: {netpol.cdk8s.io/lint-disable: 'dns-udp-only, except-equals-cidr'}}");
    const other = fixture('except-equals-cidr', 'failing').replace('name: partners', 'name: others');
    const { code, out } = await run(['lint', '.'], folder({ 'a.yaml': silenced, 'b.yaml': other }));
    expect(code).toBe(1);
    expect(out).toContain('CiliumNetworkPolicy shop/others: error except-equals-cidr');
    expect(out).not.toContain('shop/partners');
    const typo = await run(['lint', '.'], folder({ 'a.yaml': silenced.replace('dns-udp-only', 'dns-udp') }));
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('a.yaml document 0: CiliumNetworkPolicy shop/partners: metadata.annotations["netpol.cdk8s.io/lint-disable"]: "dns-udp" is not a lint check');
  });

  it('a policy the reader does not model is named on stderr and exits 3 unless --allow-partial, even over an error', async () => {
    const dir = folder({ 'named.yaml': fixture('cilium-egress-named-port', 'failing'), 'cidr.yaml': fixture('except-equals-cidr', 'failing') });
    const partial = await run(['lint', '.'], dir);
    expect(partial.code).toBe(3);
    expect(partial.err).toContain('warning: not analysed, so not linted: CiliumNetworkPolicy shop/to-db: named port "postgres" in an egress rule');
    expect(partial.out).toContain('cilium-egress-named-port');
    expect((await run(['lint', '.', '--allow-partial'], dir)).code).toBe(1);
  });

  it('writes JSON: the findings and what was not analysed, as data', async () => {
    const { out } = await run(['lint', 'dns.yaml', '-f', 'json'], MIXED());
    const report = JSON.parse(out);
    expect(report.notAnalysed).toEqual([]);
    expect(report.findings).toEqual([
      expect.objectContaining({ id: 'dns-udp-only', severity: 'warning', policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'dns' }, file: 'dns.yaml', document: 0 }),
    ]);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with every check as a rule', async () => {
    const dir = folder({ 'my policies/dns.yaml': fixture('dns-udp-only', 'failing'), 'named.yaml': fixture('cilium-egress-named-port', 'failing') });
    const { out } = await run(['lint', '.', '-f', 'sarif', '--cni', 'cilium'], dir);
    const log = JSON.parse(out);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [run0] = log.runs;
    expect(run0.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain('dns-udp-only');
    const result = run0.results.find((each: { ruleId: string }) => each.ruleId === 'dns-udp-only');
    expect(result).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'my%20policies/dns.yaml' } }, logicalLocations: [{ fullyQualifiedName: 'NetworkPolicy shop/dns' }] }] });
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('dns-udp-only');
    expect(run0.invocations[0].toolExecutionNotifications[0].message.text).toContain('CiliumNetworkPolicy shop/to-db');
    // The validator is not vacuous: a result without its message fails.
    delete result.message;
    expect(validate(log)).toBe(false);
  });
});
