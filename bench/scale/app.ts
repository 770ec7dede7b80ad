// The P2 scale app: one chart with N namespaces, each with DefaultDeny, AllowDns and a ThreeTier.
import { App } from 'cdk8s';
import { AllowDns, DefaultDeny, NetpolAppDefinition, PolicyChart, Port, ThreeTier } from '../../lib';
import type { DialectName } from '../../lib';

/** Adds the scale chart to an app. */
export function buildScaleApp(app: App, namespaces: number): void {
  const chart = new PolicyChart(app, 'scale');
  for (let index = 0; index < namespaces; index++) {
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
export function scaleApp(dialect: DialectName, namespaces: number): NetpolAppDefinition {
  return { name: 'scale', dialects: [dialect], build: (app) => buildScaleApp(app, namespaces) };
}
