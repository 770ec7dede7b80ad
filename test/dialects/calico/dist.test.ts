// dist/calico/: what `npm run synth` wrote for Calico is schema-valid and read back in full.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readCalico } from '../../../lib/dialects/calico/read';
import { calicoApiErrors } from '../../support/calico-api';

const DIST = path.resolve(__dirname, '../../../dist/calico');
const files = fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml')).sort();
const documents = (file: string) => parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((document) => document.toJS());

describe('dist/calico', () => {
  it('holds every example app, the Calico-only one included, with NetworkPolicies, GlobalNetworkPolicies and Tiers', () => {
    expect(files).toEqual(expect.arrayContaining(['shop/shop.yaml', 'microservices/platform.yaml', 'guardrails/cluster.yaml', 'guardrails/shop.yaml']));
    const kinds = new Set(files.flatMap((file) => documents(file).map((manifest) => `${manifest.apiVersion}/${manifest.kind}`)));
    expect([...kinds].sort()).toEqual(['projectcalico.org/v3/GlobalNetworkPolicy', 'projectcalico.org/v3/NetworkPolicy', 'projectcalico.org/v3/Tier']);
  });

  it.each(files)('%s: every object is one Calico accepts', (file) => {
    for (const manifest of documents(file)) expect(calicoApiErrors(manifest)).toEqual([]);
  });

  it.each(files)('%s: every policy reads back for the analysis', (file) => {
    // Policies name tiers defined in other files of the app: read the app's files together.
    const app = files.filter((other) => other.split('/')[0] === file.split('/')[0]).flatMap(documents);
    const result = readCalico(app);
    expect(result.notAnalysed).toEqual([]);
    expect(result.intents.length).toBe(app.filter((manifest) => manifest.kind !== 'Tier').length);
  });
});
