import { App } from 'cdk8s';
import { AllowDns, DefaultDeny, Peer, Policy, PolicyChart, Port, ThreeTier } from 'cdk8s-netpol';
import { PciZone, TeamNamespace } from '@acme/house-patterns';

const app = new App();

// This repository's patterns, in a chart of their own.
const shop = new PolicyChart(app, 'shop', { namespace: 'shop', dialect: 'kubernetes' });
new DefaultDeny(shop, 'DefaultDeny');
new AllowDns(shop, 'AllowDns');
new ThreeTier(shop, 'Shop', {
  web: { select: { app: 'web' }, ports: [Port.tcp(8080)] },
  app: { select: { app: 'api' }, ports: [Port.tcp(8080)] },
  db: { select: { app: 'postgres' }, ports: [Port.tcp(5432)] },
  dns: false,
});
new Policy(shop, 'ApiToPayments', { select: { app: 'api' } })
  .allowTo(Peer.pods({ app: 'payment-service' }, ['payments']), { ports: [Port.tcp(8080)] });

// The house patterns of @acme/house-patterns.
const team = new PolicyChart(app, 'team', { namespace: 'team-a', dialect: 'kubernetes' });
new TeamNamespace(team, 'TeamA', { exposed: { app: 'web' }, exposedPorts: [Port.tcp(8080)] });
const cards = new PolicyChart(app, 'cards', { namespace: 'payments', dialect: 'kubernetes' });
new PciZone(cards, 'Cards', { namespace: 'payments', clients: [{ namespace: 'shop', pods: { app: 'api' } }], ports: [Port.tcp(8080)] });

app.synth();
