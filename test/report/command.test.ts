import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol as run } from '../support/cli';
import { DATA_ELEMENT_ID, MANIFESTS_ELEMENT_ID, PageData, ReportData } from '../../lib/report/data';

const DIFF = ['report', '--diff', 'examples/diff/before.yaml', 'examples/diff/after.yaml', '--with', 'apps/workloads/platform.yaml', 'apps/workloads/shop.yaml'];
const FANCY = 'apiVersion: example.io/v1\nkind: FancyNetworkPolicy\nmetadata: {name: x, namespace: a}\n';
const temporary = () => fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-'));
const element = (html: string, id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)?.[1] as string);
/** The data as the page reads it: the first element, and the manifests after the page's script. */
const embedded = (html: string): ReportData => {
  const data = element(html, DATA_ELEMENT_ID) as PageData;
  const manifests = element(html, MANIFESTS_ELEMENT_ID) as ReportData['versions'][number]['manifests'][];
  return { ...data, versions: data.versions.map((version, index) => ({ ...version, manifests: manifests[index] })) };
};

describe('netpol report', () => {
  it('writes one HTML file that loads nothing: no external script, style, font or link', async () => {
    const output = path.join(temporary(), 'report.html');
    const { code, err } = await run(['report', 'apps/workloads', 'dist/kubernetes/shop', '-o', output]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const html = fs.readFileSync(output, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link|@import|url\(\s*['"]?(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    // The first drawing's data, then the page's script, then what it reads later (docs/report.md).
    const order = [`id="${DATA_ELEMENT_ID}"`, 'id="netpol-script"', `id="${MANIFESTS_ELEMENT_ID}"`, 'id="netpol-part-evaluator"'].map((id) => html.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
    const data = embedded(html);
    expect(data.versions).toHaveLength(1);
    // Sources are relative, so a report does not carry the machine's paths.
    expect(data.versions[0].manifests.every(({ source }) => !path.isAbsolute(source))).toBe(true);
    expect(data.versions[0].manifests.some(({ manifest }) => manifest.kind === 'NetworkPolicy')).toBe(true);
  });

  it('keeps a name with </script> inside the data element', async () => {
    const folder = temporary();
    fs.writeFileSync(path.join(folder, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {note: "</script><b>"}}\n');
    const output = path.join(folder, 'report.html');
    expect((await run(['report', folder, '-o', output])).code).toBe(0);
    const data = embedded(fs.readFileSync(output, 'utf8'));
    expect(data.versions[0].manifests[0].manifest.metadata?.labels).toEqual({ note: '</script><b>' });
  });

  it('carries netpol lint\'s findings on what it reads', async () => {
    const folder = temporary();
    const dnsUdpOnly = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: dns, namespace: a}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]\n      ports: [{protocol: UDP, port: 53}]\n';
    fs.writeFileSync(path.join(folder, 'policy.yaml'), dnsUdpOnly);
    const output = path.join(folder, 'report.html');
    expect((await run(['report', folder, '-o', output])).code).toBe(0);
    expect(embedded(fs.readFileSync(output, 'utf8')).findings).toEqual([
      expect.objectContaining({ id: 'dns-udp-only', severity: 'warning', policy: 'NetworkPolicy a/dns', fix: expect.stringContaining('TCP 53') }),
    ]);
  });

  it('writes the diff report and a Markdown summary with the counts and the link, and exits 1 for the widening as netpol diff does', async () => {
    const folder = temporary();
    const { code } = await run([...DIFF, '-o', path.join(folder, 'diff.html'), '--summary', path.join(folder, 'summary.md'), '--link', 'https://ci.example/artifacts/report.html']);
    expect(code).toBe(1);
    expect((await run(['diff', ...DIFF.slice(2, 4), '--with', ...DIFF.slice(5)])).code).toBe(1);
    const summary = fs.readFileSync(path.join(folder, 'summary.md'), 'utf8');
    expect(summary).toContain('**4** source-destination pairs widened');
    expect(summary).toContain('**0** pairs narrowed');
    expect(summary).toContain('(https://ci.example/artifacts/report.html)');
    expect(embedded(fs.readFileSync(path.join(folder, 'diff.html'), 'utf8')).versions.map((version) => version.label)).toEqual(['examples/diff/before.yaml', 'examples/diff/after.yaml']);
  });

  it('exits 3 on a partial read, naming what was not analysed, and still writes the file; --allow-partial exits 0', async () => {
    const folder = temporary();
    fs.writeFileSync(path.join(folder, 'other.yaml'), FANCY);
    const output = path.join(folder, 'report.html');
    const { code, err } = await run(['report', folder, '-o', output]);
    expect(code).toBe(3);
    expect(err).toContain('error: not analysed');
    expect(err).toContain('FancyNetworkPolicy');
    expect(err).toContain('--allow-partial');
    expect(fs.existsSync(output)).toBe(true);
    fs.rmSync(output);
    const allowed = await run(['report', folder, '-o', output, '--allow-partial']);
    expect(allowed.code).toBe(0);
    expect(allowed.err).toContain('warning: not analysed');
    expect(fs.existsSync(output)).toBe(true);
  });

  it('ranks the exit codes as reach does: bad input 2, then partial 3, then widening 1, then 0', async () => {
    const folder = temporary();
    fs.writeFileSync(path.join(folder, 'fancy.yaml'), FANCY);
    const widenedAndPartial = await run([...DIFF, '-o', path.join(folder, 'a.html'), '--with', path.join(folder, 'fancy.yaml')]);
    expect(widenedAndPartial.code).toBe(3);
    expect((await run([...DIFF, '-o', path.join(folder, 'b.html'), '--with', path.join(folder, 'fancy.yaml'), '--allow-partial'])).code).toBe(1);
    // The same version on both sides: nothing widens.
    expect((await run(['report', '--diff', DIFF[2], DIFF[2], '--with', ...DIFF.slice(5), '-o', path.join(folder, 'c.html')])).code).toBe(0);
    // Narrowing alone is no failure.
    expect((await run(['report', '--diff', DIFF[3], DIFF[2], '--with', ...DIFF.slice(5), '-o', path.join(folder, 'd.html')])).code).toBe(0);
    expect((await run([...DIFF, '-o', path.join(folder, 'e.html'), '--with', path.join(folder, 'missing.yaml')])).code).toBe(2);
  });

  it('rejects a diff without two versions and a summary without --diff, writing nothing', async () => {
    const folder = temporary();
    const output = path.join(folder, 'report.html');
    const three = await run(['report', '--diff', 'examples/diff/before.yaml', 'examples/diff/after.yaml', 'apps/workloads', '-o', output]);
    expect(three.code).toBe(2);
    expect(three.err).toContain('exactly two versions');
    const summary = await run(['report', 'apps/workloads', '-o', output, '--summary', path.join(folder, 's.md')]);
    expect(summary.code).toBe(2);
    expect(summary.err).toContain('--summary');
    expect(fs.existsSync(output)).toBe(false);
  });
});
