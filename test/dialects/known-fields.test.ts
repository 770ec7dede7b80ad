// A policy with a field its kind does not have (a typo, most likely) is not analysed, and says
// which field and what it most likely meant; the API server refuses or drops such a field, so
// reading the policy without it would analyse another policy than the one written.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, DialectName, Manifest } from '../../lib';
import { parseManifests } from '../../lib/analysis/manifests';
import { unknownPolicyField } from '../../lib/dialects/known-fields';
import { schemaFieldsModule } from '../../scripts/schema-fields';

const ROOT = path.join(__dirname, '..', '..');
const manifest = (apiVersion: string, kind: string, spec: unknown, namespace: string | undefined = 'shop'): Manifest => ({ apiVersion, kind, metadata: { name: 'p', ...(namespace && { namespace }) }, spec } as Manifest);
const selector = { matchLabels: { app: 'web' } };

describe('a field its kind does not have', () => {
  it.each<[DialectName, Manifest, string]>([
    ['kubernetes', manifest('networking.k8s.io/v1', 'NetworkPolicy', { podSelectr: selector, policyTypes: ['Ingress'] }),
      'spec.podSelectr, a field NetworkPolicy (networking.k8s.io/v1) does not have: did you mean `podSelector`?'],
    // In a selector: dropping it would select every pod.
    ['kubernetes', manifest('networking.k8s.io/v1', 'NetworkPolicy', { podSelector: selector, ingress: [{ from: [{ podSelector: { matchLabel: { app: 'api' } } }] }] }),
      'spec.ingress[0].from[0].podSelector.matchLabel, a field NetworkPolicy (networking.k8s.io/v1) does not have: did you mean `matchLabels`?'],
    // At the top and in the metadata: without its spec a NetworkPolicy isolates every pod; without its namespace it is in default.
    ['kubernetes', { ...manifest('networking.k8s.io/v1', 'NetworkPolicy', undefined), sepc: { podSelector: selector } } as Manifest,
      'sepc, a field NetworkPolicy (networking.k8s.io/v1) does not have: did you mean `spec`?'],
    ['calico', { ...manifest('projectcalico.org/v3', 'NetworkPolicy', { selector: 'all()' }, undefined), metadata: { name: 'p', namespce: 'shop' } } as Manifest,
      'metadata.namespce, a field NetworkPolicy (projectcalico.org/v3) does not have: did you mean `namespace`?'],
    ['cilium', manifest('cilium.io/v2', 'CiliumNetworkPolicy', { endpointSelector: selector, ingress: [{ fromEndpoint: [selector] }] }),
      'spec.ingress[0].fromEndpoint, a field CiliumNetworkPolicy (cilium.io/v2) does not have: did you mean `fromEndpoints`?'],
    ['cilium', manifest('cilium.io/v2', 'CiliumClusterwideNetworkPolicy', { endpointSelector: selector, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ prot: '443' }] }] }] }, undefined),
      'spec.egress[0].toPorts[0].ports[0].prot, a field CiliumClusterwideNetworkPolicy (cilium.io/v2) does not have: did you mean `port`?'],
    // In specs, which hold more rules of spec's shape.
    ['cilium', { ...manifest('cilium.io/v2', 'CiliumNetworkPolicy', undefined), specs: [{ endpointSelector: selector }, { endpointSelecter: selector }] } as Manifest,
      'specs[1].endpointSelecter, a field CiliumNetworkPolicy (cilium.io/v2) does not have: did you mean `endpointSelector`?'],
    ['calico', manifest('projectcalico.org/v3', 'NetworkPolicy', { selectr: "app == 'web'", types: ['Ingress'] }),
      'spec.selectr, a field NetworkPolicy (projectcalico.org/v3) does not have: did you mean `selector`?'],
    ['calico', manifest('projectcalico.org/v3', 'GlobalNetworkPolicy', { selector: 'all()', ingress: [{ action: 'Allow', source: { namespaceSelectr: "team == 'a'" } }] }, undefined),
      'spec.ingress[0].source.namespaceSelectr, a field GlobalNetworkPolicy (projectcalico.org/v3) does not have: did you mean `namespaceSelector`?'],
    // A field near none of its kind's is named alone.
    ['calico', manifest('projectcalico.org/v3', 'NetworkPolicy', { selector: 'all()', ingress: [{ action: 'Allow', zone: 'eu' }] }),
      'spec.ingress[0].zone, a field NetworkPolicy (projectcalico.org/v3) does not have'],
    ['kubernetes-cnp', manifest('policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy', { tier: 'Admin', priority: 10, subjects: { namespaces: {} }, ingress: [] }, undefined),
      'spec.subjects, a field ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) does not have: did you mean `subject`?'],
    ['kubernetes-anp', manifest('policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy', { priority: 10, subject: { namespaces: {} }, egress: [{ action: 'Deny', too: [] }] }, undefined),
      'spec.egress[0].too, a field AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) does not have: did you mean `to`?'],
  ])('%s: %j is not analysed', (dialect, policy, feature) => {
    const read = DIALECTS[dialect].read?.([policy]);
    expect(read?.intents).toEqual([]);
    expect(read?.notAnalysed.map((entry) => entry.feature)).toEqual([feature]);
  });

  it('leaves free keys free (labels), fields of the wrong type to the reader, and kinds without a schema alone', () => {
    expect(unknownPolicyField(manifest('networking.k8s.io/v1', 'NetworkPolicy', { podSelector: { matchLabels: { podSelectr: 'x', 'app.kubernetes.io/name': 'web' } } }))).toBeUndefined();
    expect(unknownPolicyField(manifest('networking.k8s.io/v1', 'NetworkPolicy', { podSelector: 'web', ingress: 'all' }))).toBeUndefined();
    expect(unknownPolicyField(manifest('example.com/v1', 'NetworkPolicy', { anything: true }))).toBeUndefined();
    // What the server writes (status, managedFields, uid, ...) is known.
    expect(unknownPolicyField({ ...manifest('networking.k8s.io/v1', 'NetworkPolicy', { podSelector: {} }), metadata: { name: 'p', namespace: 'shop', uid: 'u', resourceVersion: '1', managedFields: [{ manager: 'kubectl' }], annotations: { a: 'b' } }, status: {} } as Manifest)).toBeUndefined();
    // A name that is also an Object.prototype member is a field like any other.
    expect(unknownPolicyField(manifest('networking.k8s.io/v1', 'NetworkPolicy', { constructor: {} }))).toContain('spec.constructor, a field NetworkPolicy');
  });

  it('finds none in what we write, or in the policies the tests read', () => {
    const files = (folder: string): string[] => fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(folder, entry.name)) : entry.name.endsWith('.yaml') ? [path.join(folder, entry.name)] : []));
    const all = [...files(path.join(ROOT, 'dist')), ...files(path.join(ROOT, 'test', 'fixtures')), ...files(path.join(ROOT, 'apps', 'workloads'))];
    const policies = all.flatMap((file) => parseManifests(fs.readFileSync(file, 'utf8'), file).map(({ manifest: one }) => ({ file, unknown: unknownPolicyField(one) })));
    expect(policies.length).toBeGreaterThan(100);
    expect(policies.filter(({ unknown }) => unknown !== undefined)).toEqual([]);
  });

  it('come from the official schemas under schemas/: lib/dialects/schema-fields.ts is what scripts/schema-fields.ts makes of them now', () => {
    expect(fs.readFileSync(path.join(ROOT, 'lib', 'dialects', 'schema-fields.ts'), 'utf8'), 'out of date: run npm run schema-fields').toBe(schemaFieldsModule());
  });
});
