// The P2 scale app: N namespaces, each with DefaultDeny, AllowDns and a ThreeTier, in one chart or
// spread over charts of a given number of namespaces each.
import { App } from 'cdk8s';
import { AllowDns, DefaultDeny, DIALECT_CONTEXT_KEY, NetpolAppDefinition, PolicyChart, Port, ThreeTier } from '../../lib';
import type { DialectName } from '../../lib';

/** Adds the scale app's charts to an app: one chart, or one per `perChart` namespaces. */
export function buildScaleApp(app: App, namespaces: number, perChart = namespaces): void {
  let chart = new PolicyChart(app, 'scale');
  for (let index = 0; index < namespaces; index++) {
    if (index > 0 && index % perChart === 0) chart = new PolicyChart(app, `scale-${index / perChart}`);
    const namespace = `team-${index}`;
    new DefaultDeny(chart, `DefaultDeny-${index}`, { name: 'default-deny', namespace });
    new AllowDns(chart, `AllowDns-${index}`, { name: 'allow-dns', namespace });
    new ThreeTier(chart, `Shop-${index}`, {
      name: 'shop',
      namespace,
      web: { select: { app: 'web' }, ports: [Port.tcp(8080)] },
      app: { select: { app: 'api' }, ports: [Port.tcp(8080)] },
      db: { select: { app: 'postgres' }, ports: [Port.tcp(5432)] },
      dns: false, // AllowDns covers the namespace
    });
  }
}

/** The scale app as `npm run synth` takes apps, for one dialect. */
export function scaleApp(dialect: DialectName, namespaces: number, perChart = namespaces): NetpolAppDefinition {
  return { name: 'scale', dialects: [dialect], build: (app) => buildScaleApp(app, namespaces, perChart) };
}

/** The scale app synthesized the cdk8s way, by App.synth (written with the yaml package), as a cdk8s project's `cdk8s synth` does. */
export function synthScaleWithCdk8s(dialect: DialectName, namespaces: number, outdir: string): void {
  const app = new App({ outdir, outputFileExtension: '.yaml' });
  app.node.setContext(DIALECT_CONTEXT_KEY, dialect);
  buildScaleApp(app, namespaces);
  app.synth();
}
