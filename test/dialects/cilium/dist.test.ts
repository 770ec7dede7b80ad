import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../../../lib';
import { readCilium } from '../../../lib/dialects/cilium/read';
import { ciliumErrors } from '../../support/cilium-api';

// What `npm run synth` committed for Cilium: valid for the API server and the agent, and fully analysable.
const DIST = path.resolve(__dirname, '../../../dist/cilium');
const files = fs.existsSync(DIST) ? fs.readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml')).sort() : [];
const manifestsOf = (file: string) => parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((document) => document.toJS() as Manifest);

describe('dist/cilium', () => {
  it('holds every example app', () => {
    expect(files.map((file) => file.split(path.sep)[0])).toEqual(expect.arrayContaining(['microservices', 'shop', 'storefront']));
  });

  it.each(files)('%s is valid against the CRDs and the checks Cilium adds', (file) => {
    const manifests = manifestsOf(file);
    expect(manifests.map((manifest) => manifest.kind)).toEqual(expect.arrayContaining(['CiliumNetworkPolicy']));
    for (const manifest of manifests) expect(ciliumErrors(manifest)).toEqual([]);
  });

  it.each(files)('%s reads back with nothing left unanalysed', (file) => {
    expect(readCilium(manifestsOf(file)).notAnalysed).toEqual([]);
  });
});
