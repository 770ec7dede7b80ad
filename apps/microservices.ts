import { App } from 'cdk8s';
import { AllowDns, AllowIngressController, CrossNamespace, DefaultDeny, IsolateDatabase, NetpolAppDefinition, Peer, Policy, PolicyChart, Port, StatefulSetPeers } from '../lib';

const NAMESPACES = ['api', 'payments', 'users'];

/**
 * Microservices in three namespaces: the api (behind the ingress controller) calls payments and
 * users in their own namespaces, with both sides of each call written; users keeps a replicated
 * database only its service reaches.
 */
export function buildMicroservices(app: App): void {
  const platform = new PolicyChart(app, 'platform');
  for (const namespace of NAMESPACES) {
    new DefaultDeny(platform, `DefaultDeny-${namespace}`, { name: 'default-deny', namespace });
    new AllowDns(platform, `AllowDns-${namespace}`, { name: 'allow-dns', namespace });
  }

  const services = new PolicyChart(app, 'services');
  new AllowIngressController(services, 'ApiFromIngress', { namespace: 'api', select: { app: 'api' }, ports: [Port.tcp(8080)] });
  new CrossNamespace(services, 'ApiToPayments', {
    client: { namespace: 'api', select: { app: 'api' } },
    server: { namespace: 'payments', select: { app: 'payment-service' } },
    ports: [Port.tcp(8080)],
    dns: false, // the platform chart's AllowDns covers every namespace
  });
  new CrossNamespace(services, 'ApiToUsers', {
    client: { namespace: 'api', select: { app: 'api' } },
    server: { namespace: 'users', select: { app: 'user-service' } },
    ports: [Port.tcp(8080)],
    dns: false,
  });
  new IsolateDatabase(services, 'UsersDb', {
    namespace: 'users',
    select: { app: 'users-db' },
    ports: [Port.tcp(5432)],
    clients: [Peer.pods({ app: 'user-service' })],
    dns: false,
  });
  new StatefulSetPeers(services, 'UsersDbReplication', { namespace: 'users', select: { app: 'users-db' }, ports: [Port.tcp(5432)], dns: false });
  new Policy(services, 'UserServiceToDb', { namespace: 'users', select: { app: 'user-service' }, description: 'user-service uses its database' })
    .allowTo(Peer.pods({ app: 'users-db' }), { ports: [Port.tcp(5432)] });
}

export const microservices: NetpolAppDefinition = { name: 'microservices', build: buildMicroservices };
