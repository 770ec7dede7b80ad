// Every example app in every dialect it lists: a readable snapshot, and every object in dist/
// valid against its official schema.
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIALECT_CONTEXT_KEY, DIALECTS, DialectName, Manifest, PolicyChart } from '../lib';
import { APPS } from '../apps';
import { CALICO_CHECKS } from './support/calico-api';
import { ciliumPolicyErrors } from './support/cilium-api';
import { networkPolicyApiErrors } from './support/kubernetes-api';
import { NETWORK_POLICY_API_CHECKS } from './support/network-policy-api';
import { crdValidator, kubernetesValidator, schemaErrors } from './support/schemas';
import { toYaml } from './support/synth';

const DIST = path.resolve(__dirname, '../dist');

/** How to check each kind written to dist/: its schema, and the API server's checks the schema lacks. */
const CHECKS: Record<string, { validator: () => ValidateFunction; semantic?: (manifest: any) => string[] }> = {
  'networking.k8s.io/v1/NetworkPolicy': { validator: kubernetesValidator, semantic: networkPolicyApiErrors },
  ...CALICO_CHECKS,
  ...NETWORK_POLICY_API_CHECKS,
  'cilium.io/v2/CiliumNetworkPolicy': { validator: () => crdValidator('cilium/ciliumnetworkpolicies.yaml', 'v2'), semantic: ciliumPolicyErrors },
  'cilium.io/v2/CiliumClusterwideNetworkPolicy': { validator: () => crdValidator('cilium/ciliumclusterwidenetworkpolicies.yaml', 'v2'), semantic: ciliumPolicyErrors },
};

const cases = APPS.flatMap((definition) =>
  (definition.dialects ?? (Object.keys(DIALECTS) as DialectName[])).map((dialect) => ({ app: definition.name, dialect, definition })),
);

describe.each(cases)('app $app ($dialect)', ({ app, dialect, definition }) => {
  it('matches its snapshot', async () => {
    const cdk8sApp = new App({ outdir: Testing.app().outdir });
    cdk8sApp.node.setContext(DIALECT_CONTEXT_KEY, dialect);
    definition.build(cdk8sApp);
    const charts = cdk8sApp.charts.filter((chart): chart is PolicyChart => chart instanceof PolicyChart);
    const yaml = charts.map((chart) => `# chart ${chart.node.id}\n${toYaml(Testing.synth(chart) as Manifest[])}`).join('---\n');
    await expect(yaml).toMatchFileSnapshot(`__snapshots__/apps/${dialect}/${app}.yaml`);
  });
});

describe('dist/', () => {
  const files = fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml'));
  it('has output', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s: every object is valid against its official schema', (file) => {
    const documents = parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((document) => document.toJS());
    for (const manifest of documents) {
      const kind = `${manifest.apiVersion}/${manifest.kind}`;
      const check = CHECKS[kind];
      expect(check, `no schema check for ${kind}: add one to CHECKS`).toBeDefined();
      expect(schemaErrors(check.validator(), manifest)).toEqual([]);
      expect(check.semantic?.(manifest) ?? []).toEqual([]);
    }
  });
});
