// The floors of P2: the finished plain objects, written as one multi-document file by js-yaml with
// our options (what we write with: lib/synth/yaml.ts), or by the yaml package (a second floor).
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { DIALECT_CONTEXT_KEY, DialectName, PolicyChart } from '../../lib';
import { stringifyManifests } from '../../lib/synth/yaml';
import { buildScaleApp } from './app';

/** The scale app's finished manifests in one dialect (outside any timing). */
export function finishedObjects(dialect: DialectName, namespaces: number): unknown[] {
  const app = new App({ outdir: '/tmp' });
  app.node.setContext(DIALECT_CONTEXT_KEY, dialect);
  buildScaleApp(app, namespaces);
  return app.charts.flatMap((chart) => (chart as PolicyChart).toJson());
}

/** Which library writes a floor's YAML. */
export type FloorWriter = 'js-yaml' | 'yaml';

/** A floor: the objects written to `<outdir>/scale.yaml`, by js-yaml with our options or by the yaml package. */
export function writeFloor(objects: readonly unknown[], outdir: string, writer: FloorWriter): void {
  const text = writer === 'js-yaml' ? stringifyManifests(objects) : objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'scale.yaml'), text);
}
