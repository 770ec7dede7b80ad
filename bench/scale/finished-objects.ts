// The floor of P2: the finished plain objects, and the yaml package writing them.
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { DIALECT_CONTEXT_KEY, DialectName, PolicyChart } from '../../lib';
import { buildScaleApp } from './app';

/** The scale app's finished manifests in one dialect (outside any timing). */
export function finishedObjects(dialect: DialectName, namespaces: number): unknown[] {
  const app = new App({ outdir: '/tmp' });
  app.node.setContext(DIALECT_CONTEXT_KEY, dialect);
  buildScaleApp(app, namespaces);
  return app.charts.flatMap((chart) => (chart as PolicyChart).toJson());
}

/** The floor: the yaml package writing the objects as one multi-document stream. */
export function stringifyObjects(objects: readonly unknown[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}
