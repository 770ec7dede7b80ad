// The cdk8s validation plugin, driven as cdk8s-cli drives it (new clazz(properties), then
// validate(context)) with a fake context, on apps synthesized into a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefaultDeny, Peer, Policy, PolicyChart, Port } from '../../lib';
import { NetpolValidation } from '../../lib/cdk8s-plugin';
import { NetpolViolation } from '../../lib/cdk8s-plugin/violations';

const WORKLOADS = ['web', 'api', 'db']
  .map((app) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${app}, namespace: shop, labels: { app: ${app} } }\nspec: { containers: [{ name: c, image: x }] }\n`)
  .join('---\n');

let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-plugin-'));
  process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
});
afterEach(() => {
  delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  fs.rmSync(outdir, { recursive: true, force: true });
});

// The shop: default deny, web -> api on 8080 (egress and ingress); `extra` adds to the chart.
function synth(extra: (chart: PolicyChart) => void = () => undefined): string[] {
  const app = new App({ outdir });
  const shop = new PolicyChart(app, 'shop', { namespace: 'shop', dialect: 'kubernetes' });
  new DefaultDeny(shop, 'DefaultDeny');
  new Policy(shop, 'WebToApi', { select: { app: 'api' } }).allowFrom(Peer.pods({ app: 'web' }), { ports: [Port.tcp(8080)] });
  new Policy(shop, 'WebEgress', { select: { app: 'web' } }).allowTo(Peer.pods({ app: 'api' }), { ports: [Port.tcp(8080)] });
  extra(shop);
  app.synth();
  fs.writeFileSync(path.join(outdir, 'workloads.yaml'), WORKLOADS);
  return fs.readdirSync(outdir).filter((file) => file.endsWith('.k8s.yaml')).map((file) => path.join(outdir, file));
}

async function validate(manifests: string[], properties: unknown = {}) {
  const violations: Omit<NetpolViolation, 'fails'>[] = [];
  let status: string | undefined;
  let submitted: Readonly<Record<string, string>> | undefined;
  await new NetpolValidation({ workloads: [path.join(outdir, 'workloads.yaml')], ...(properties as object) }).validate({
    manifests,
    report: {
      addViolation: (violation) => violations.push(violation),
      submit: (given, metadata) => {
        status = given;
        submitted = metadata;
      },
    },
  });
  return { status, violations, metadata: submitted, rules: violations.map((violation) => violation.ruleName) };
}

const ASSERTIONS = {
  mustAllow: [{ from: 'shop/web', to: 'shop/api', port: 'TCP/8080' }],
  mustDeny: [{ from: 'shop/web', to: 'shop/db' }, { from: 'shop/api', to: 'shop/web' }],
};

describe('NetpolValidation', () => {
  it('passes the good app, its reach assertions holding', async () => {
    const result = await validate(synth(), ASSERTIONS);
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
  });

  it('fails a schema-invalid hand-written ApiObject, naming its field', async () => {
    const manifests = synth((chart) => new ApiObject(chart, 'Typo', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'typo' }, spec: { podSelecter: {} } } as any));
    const result = await validate(manifests);
    expect(result.status).toBe('failure');
    const schema = result.violations.find((violation) => violation.ruleName === 'netpol/schema');
    expect(schema?.violatingResources[0].resourceName).toBe('typo');
    expect(schema?.violatingResources[0].locations.join('\n')).toContain('podSelecter');
  });

  it('fails a mustDeny the policies allow, with the construct path of the policy that allows it', async () => {
    const result = await validate(synth(), { mustDeny: [{ from: 'shop/web', to: 'shop/api' }] });
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['netpol/must-deny']);
    const locations = result.violations[0].violatingResources[0].locations;
    expect(locations).toContain('construct path: shop/WebToApi');
    expect(locations).toContain('construct path: shop/WebEgress');
    expect(result.violations[0].recommendation).toContain('mustDeny[0]');
  });

  it('fails a mustAllow the policies deny', async () => {
    const result = await validate(synth(), { mustAllow: [{ from: 'shop/web', to: 'shop/db', port: 'TCP/5432' }] });
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['netpol/must-allow']);
  });

  it('fails a lint error in a hand-written ApiObject (an ipBlock except equal to its CIDR), naming the resource, field and fix', async () => {
    const spec = { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }] };
    const result = await validate(synth((chart) => new ApiObject(chart, 'HandWritten', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'hand-written' }, spec } as any)));
    expect(result.status).toBe('failure');
    const finding = result.violations.find((violation) => violation.ruleName === 'netpol/except-equals-cidr');
    // cdk8s itself adds an ApiObject's construct path, from its resource name.
    expect(finding?.violatingResources[0].resourceName).toBe('hand-written');
    expect(finding?.violatingResources[0].locations[0]).toContain('10.0.0.0/8');
    expect(finding?.fix.length).toBeGreaterThan(0);
  });

  it('reports a lint warning without failing', async () => {
    const result = await validate(synth((chart) => new Policy(chart, 'Ghost', { select: { app: 'ghost' } }).allowFrom(Peer.pods({ app: 'web' }))));
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.every((violation) => / \(warning\)$/.test(violation.ruleName))).toBe(true);
    expect(result.status).toBe('success');
  });

  it('fails on a policy the analysis does not model, naming it and what it uses', async () => {
    const spec = { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'ICMP' }] }] };
    const result = await validate(synth((chart) => new ApiObject(chart, 'Odd', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'odd' }, spec } as any)));
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['netpol/not-analysed']);
    expect(result.violations[0].recommendation).toMatch(/^NetworkPolicy shop\/odd \(.*document \d+\) is not analysed \(protocol "ICMP"/);
    expect(result.violations[0].violatingResources[0].resourceName).toBe('odd');
  });

  it('fails the assertions rather than vouch for them when a manifest fails its schema', async () => {
    const manifests = synth((chart) => new ApiObject(chart, 'Typo', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'typo' }, spec: { podSelecter: {} } } as any));
    const result = await validate(manifests, ASSERTIONS);
    expect(result.rules.filter((rule) => rule.startsWith('netpol/must-'))).toHaveLength(3);
  });

  // A ClusterNetworkPolicy egress rule to `to`, alone in an app (no NetworkPolicy beside it).
  function clusterPolicy(to: object[]): string[] {
    const app = new App({ outdir });
    const chart = new Chart(app, 'cluster');
    const spec = { tier: 'Admin', priority: 10, subject: { namespaces: {} }, egress: [{ name: 'out', action: 'Accept', to, protocols: [{ tcp: { destinationPort: { number: 443 } } }] }] };
    new ApiObject(chart, 'Egress', { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'egress' }, spec } as any);
    app.synth();
    fs.writeFileSync(path.join(outdir, 'workloads.yaml'), WORKLOADS);
    return fs.readdirSync(outdir).filter((file) => file.endsWith('.k8s.yaml')).map((file) => path.join(outdir, file));
  }

  it('warns, without failing, when a ClusterNetworkPolicy uses fields only the experimental-channel CRD has', async () => {
    const result = await validate(clusterPolicy([{ domainNames: ['api.example.com'] }]));
    expect(result.rules).toEqual(['netpol/experimental-channel (warning)']);
    expect(result.violations[0].recommendation).toContain('only the experimental-channel ClusterNetworkPolicy CRD defines');
    expect(result.violations[0].violatingResources[0].locations.join('\n')).toContain('domainNames');
    expect(result.status).toBe('success');
  });

  it('passes a ClusterNetworkPolicy of the standard channel, and fails one neither channel accepts', async () => {
    expect((await validate(clusterPolicy([{ networks: ['192.0.2.0/24'] }]))).violations).toEqual([]);
    const typo = await validate(clusterPolicy([{ domainName: ['api.example.com'] }]));
    expect(typo.rules).toEqual(['netpol/schema']);
    expect(typo.status).toBe('failure');
  });

  it('rejects unknown properties, naming the field', () => {
    expect(() => new NetpolValidation({ mustDeny: [{ from: 'a', too: 'b' }] })).toThrow(/too/);
    expect(() => new NetpolValidation({ mustAllow: 'shop/web' })).toThrow(/mustAllow/);
  });

  it('reports a missing workloads file as an input violation', async () => {
    const result = await validate(synth(), { workloads: [path.join(outdir, 'missing.yaml')] });
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['netpol/input']);
    expect(result.violations[0].recommendation).toContain('missing.yaml');
  });
});
