// Every lint check has a failing and a passing fixture (test/lint/fixtures/<id>/): the failing one
// gives exactly the expected finding (id, policy, message), the passing one none of that check.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../lib/analysis/analyse';
import { parseManifests } from '../../lib/analysis/manifests';
import { lint, lintChecks } from '../../lib/lint/lint';
import { policyText } from '../../lib/lint/finding';

const FIXTURES = path.join(__dirname, 'fixtures');

/** What each check's failing fixture must give: the policy, and a message that names the culprit. */
const EXPECTED: Record<string, { policy: string; message: RegExp; field?: string }> = {
  'dns-udp-only': { policy: 'NetworkPolicy shop/dns', message: /^egress rule 1 allows UDP 53 but no rule of the policy allows TCP 53/ },
  'except-equals-cidr': { policy: 'CiliumNetworkPolicy shop/partners', message: /^egress rule 1: the except 203\.0\.113\.0\/24 leaves nothing of 203\.0\.113\.0\/24$/ },
  'any-namespace-pod-selector': { policy: 'NetworkPolicy shop/from-prometheus', message: /^ingress rule 1, peer 1: pods app=prometheus in any namespace$/ },
  'dns-nodelocal-not-allowed': { policy: 'NetworkPolicy shop/dns', message: /^egress rule 1 allows DNS to the kube-dns pods, but no rule of the policy allows NodeLocal DNSCache at 169\.254\.20\.10\/32$/ },
  'api-server-as-pods': { policy: 'NetworkPolicy ops/operator-to-api', message: /^egress rule 1 allows kube-system pods on 443, which is not the API server$/ },
  'cidr-contains-cluster-ranges': { policy: 'NetworkPolicy shop/internet', message: /^egress rule 1: 0\.0\.0\.0\/0 contains node address 172\.18\.0\.3\/32$/ },
  'dangling-policy': { policy: 'NetworkPolicy shop/api', message: /^the policy selects app=apii in namespace shop, and no given pod matches$/ },
  'dangling-peer': { policy: 'NetworkPolicy shop/api', message: /^ingress rule 1, peer 1 \(pods app=web in namespace shopp\) matches no given pod$/ },
  'redundant-rule': { policy: 'NetworkPolicy shop/web', message: /^ingress rule 1 is covered by the broader ingress rule 2$/ },
  'unreachable-deny': { policy: 'NetworkPolicy shop/block-metadata', message: /^egress rule 1 \(deny\) never matches: NetworkPolicy shop\/allow-egress's egress rule 1 comes first and allows all it matches$/ },
  'named-port-undefined': { policy: 'NetworkPolicy shop/api', message: /^ingress rule 1, port TCP\/metrics: no selected pod defines a port "metrics"$/ },
  'named-port-protocol': { policy: 'NetworkPolicy infra/dns-server', message: /^ingress rule 1, port TCP\/dns: the selected pods define "dns" only as UDP$/ },
  'named-port-ambiguous': { policy: 'NetworkPolicy shop/to-backends', message: /^egress rule 1, port TCP\/http: the selected pods give "http" different numbers \(8080, 9200\)$/ },
  'service-port-not-target-port': { policy: 'NetworkPolicy shop/web', message: /^ingress rule 1: TCP\/80 is Service shop\/web's port; its pods \(shop\/web\[Deployment\]\) listen on 8080$/ },
  'mutable-namespace-label': { policy: 'NetworkPolicy shop/from-team', message: /^ingress rule 1, peer 1 selects namespaces by "team" only$/ },
  'empty-policy-types': { policy: 'NetworkPolicy shop/lockdown', message: /^policyTypes is empty/, field: 'spec.policyTypes' },
  'cilium-egress-named-port': { policy: 'CiliumNetworkPolicy shop/to-db', message: /^egress rule 1 names port "postgres"$/, field: 'spec.egress[0].toPorts[0].ports[0].port' },
};

function lintFixture(id: string, which: 'failing' | 'passing') {
  const file = path.join(FIXTURES, id, `${which}.yaml`);
  const manifests = parseManifests(fs.readFileSync(file, 'utf8'), file).map(({ manifest }, document) => ({ manifest, file, document }));
  return lint({ manifests });
}

describe('lint checks', () => {
  it('every check has an expectation, and every expectation is a check', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(lintChecks().map((check) => check.id).sort());
  });

  for (const check of lintChecks()) {
    describe(check.id, () => {
      it('finds the problem in its failing fixture', () => {
        const expected = EXPECTED[check.id];
        const found = lintFixture(check.id, 'failing').findings.filter((finding) => finding.id === check.id);
        expect(found).toHaveLength(1);
        const [finding] = found;
        expect(finding.policy && policyText(finding.policy)).toBe(expected.policy);
        expect(finding.message).toMatch(expected.message);
        expect(finding.severity).toBe(check.severity);
        expect([finding.why, finding.fix]).toEqual([check.why, check.fix]);
        expect(finding.file).toBe(path.join(FIXTURES, check.id, 'failing.yaml'));
        if (expected.field) expect(finding.field).toBe(expected.field);
      });

      it('finds nothing of it in its passing fixture', () => {
        expect(lintFixture(check.id, 'passing').findings.filter((finding) => finding.id === check.id)).toEqual([]);
      });
    });
  }
});

describe('lint given the manifests already analysed (as netpol report lints what it shows)', () => {
  const parsed = (id: string) => {
    const file = path.join(FIXTURES, id, 'failing.yaml');
    return parseManifests(fs.readFileSync(file, 'utf8'), file);
  };

  it.each(lintChecks().map((check) => check.id))('finds in %s what it finds reading them itself', (id) => {
    const sourced = parsed(id);
    const manifests = sourced.map(({ manifest }) => manifest);
    expect(lint({ manifests, analysed: analyse(sourced) }).findings).toEqual(lint({ manifests }).findings);
  });

  it('refuses the analysis of other manifests, naming the field', () => {
    const analysed = analyse(parsed('dangling-policy'));
    expect(() => lint({ manifests: parsed('dangling-policy').map(({ manifest }) => manifest), analysed })).toThrow(/analysed: is not the analysis of these manifests/);
  });

  it('takes the workloads and their evaluation from the analysis, not from the manifests', () => {
    const sourced = parsed('dangling-policy');
    const policies = sourced.map(({ manifest }) => manifest).filter((manifest) => manifest.kind === 'NetworkPolicy');
    const found = lint({ manifests: policies, analysed: analyse(sourced) }).findings.filter((finding) => finding.id === 'dangling-policy');
    expect(found.map((finding) => finding.message)).toEqual([expect.stringMatching(EXPECTED['dangling-policy'].message)]);
    expect(lint({ manifests: policies }).findings.filter((finding) => finding.id === 'dangling-policy')).toEqual([]);
  });
});

describe('docs/lint.md', () => {
  const docs = fs.readFileSync(path.join(__dirname, '../../docs/lint.md'), 'utf8');
  it.each(lintChecks())('documents $id with its severity, why, fix and failing fixture', (check) => {
    const start = docs.indexOf(`### \`${check.id}\``);
    expect(start).toBeGreaterThan(0);
    const section = docs.slice(start, docs.indexOf('\n### ', start + 1) >>> 0);
    expect(section).toContain(`**${check.severity}** — ${check.summary}.`);
    expect(section).toContain(`- **Why:** ${check.why}.`);
    expect(section).toContain(`- **Fix:** ${check.fix}.`);
    expect(section).toContain(fs.readFileSync(path.join(FIXTURES, check.id, 'failing.yaml'), 'utf8').trim());
  });
});
