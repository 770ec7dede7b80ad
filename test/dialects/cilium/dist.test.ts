import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../../../lib';
import { readCilium } from '../../../lib/dialects/cilium/read';
import { ciliumPolicyErrors } from '../../support/cilium-api';
import { crdValidator, schemaErrors, SCHEMAS_PRESENT } from '../../support/schemas';

// What `npm run synth` committed for Cilium: valid for the API server and the agent, and fully analysable.
const DIST = path.resolve(__dirname, '../../../dist/cilium');
const files = fs.existsSync(DIST) ? fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml')).sort() : [];
const manifestsOf = (file: string) => parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((document) => document.toJS() as Manifest);

describe('dist/cilium', () => {
  it('holds every example app', () => {
    expect(files.map((file) => file.split(path.sep)[0])).toEqual(expect.arrayContaining(['microservices', 'shop', 'storefront']));
  });

  it.skipIf(!SCHEMAS_PRESENT).each(files)('%s is valid against the CRDs and the checks Cilium adds', (file) => {
    const validators: Record<string, ReturnType<typeof crdValidator>> = {
      CiliumNetworkPolicy: crdValidator('cilium/ciliumnetworkpolicies.yaml', 'v2'),
      CiliumClusterwideNetworkPolicy: crdValidator('cilium/ciliumclusterwidenetworkpolicies.yaml', 'v2'),
    };
    const manifests = manifestsOf(file);
    expect(manifests.map((manifest) => manifest.kind)).toEqual(expect.arrayContaining(['CiliumNetworkPolicy']));
    for (const manifest of manifests) {
      expect(schemaErrors(validators[manifest.kind], manifest)).toEqual([]);
      expect(ciliumPolicyErrors(manifest)).toEqual([]);
    }
  });

  it.each(files)('%s reads back with nothing left unanalysed', (file) => {
    expect(readCilium(manifestsOf(file)).notAnalysed).toEqual([]);
  });
});
