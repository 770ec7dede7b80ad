import { parseManifests } from '../analysis/manifests';
import { readWorkloads, Workloads } from '../analysis/workloads';
import { Labels } from '../model/selector';

/** One workload of a fixture. */
export interface FixturePod {
  /** The pods' labels. @default none */
  readonly labels?: Labels;
  /** Container ports as `TCP/8080`, or named as `http:TCP/8080`. @default none */
  readonly ports?: readonly string[];
  /** The service account. @default 'default' */
  readonly serviceAccount?: string;
  /** The workload's kind. @default 'Deployment' */
  readonly kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';
  /** Whether the pods use the host network. @default false */
  readonly hostNetwork?: boolean;
}

/** A fixture: workloads by `namespace/name`, and optionally namespace labels and the API server's addresses. */
export interface FixtureSpec {
  /** The workloads, by `namespace/name`. */
  readonly pods: Readonly<Record<string, FixturePod>>;
  /** Labels of namespaces (beyond the automatic name labels). @default none */
  readonly namespaces?: Readonly<Record<string, Labels>>;
  /** The API server's addresses (IPs), as the `kubernetes` EndpointSlice would give them. @default none */
  readonly apiServer?: readonly string[];
}

/** Workloads for tests, built from a short description through the same reader as real manifests. */
export function fixtureWorkloads(spec: FixtureSpec): Workloads {
  const documents: object[] = Object.entries(spec.namespaces ?? {}).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  for (const [key, pod] of Object.entries(spec.pods)) {
    const [namespace, name] = key.split('/');
    if (!name) throw new Error(`fixture pod "${key}": name it as namespace/name`);
    const ports = (pod.ports ?? []).map((text) => {
      const match = /^(?:([a-z0-9-]+):)?(TCP|UDP|SCTP)\/(\d+)$/.exec(text);
      if (!match) throw new Error(`fixture pod "${key}": port "${text}" is not PROTOCOL/NUMBER or name:PROTOCOL/NUMBER`);
      return { ...(match[1] && { name: match[1] }), protocol: match[2], containerPort: Number(match[3]) };
    });
    const template = {
      metadata: { labels: { ...(pod.labels ?? {}) } },
      spec: { containers: [{ name: 'main', ports }], ...(pod.serviceAccount && { serviceAccountName: pod.serviceAccount }), ...(pod.hostNetwork && { hostNetwork: true }) },
    };
    const kind = pod.kind ?? 'Deployment';
    documents.push(
      kind === 'Pod'
        ? { apiVersion: 'v1', kind, metadata: { name, namespace, ...template.metadata }, spec: template.spec }
        : { apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec: { template } },
    );
  }
  if (spec.apiServer) {
    documents.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      endpoints: [{ addresses: [...spec.apiServer] }],
    });
  }
  return readWorkloads(parseManifests(JSON.stringify(documents), 'fixture'));
}

/**
 * A small cluster for pattern tests: namespace `shop` with the usual tiers and services, the
 * namespaces around it (ingress-nginx, monitoring, kube-system with CoreDNS, frontend, api,
 * payments) and an API server at 192.0.2.10.
 */
export const SMALL_CLUSTER: FixtureSpec = {
  pods: {
    'shop/web': { labels: { app: 'web' }, ports: ['http:TCP/8080', 'https:TCP/443', 'metrics:TCP/9090'] },
    'shop/api': { labels: { app: 'api' }, ports: ['http:TCP/8080', 'TCP/9000', 'metrics:TCP/9090'] },
    'shop/postgres': { labels: { app: 'postgres' }, ports: ['postgres:TCP/5432'], kind: 'StatefulSet' },
    'shop/redis': { labels: { app: 'redis' }, ports: ['TCP/6379'], kind: 'StatefulSet' },
    'shop/cassandra': { labels: { app: 'cassandra' }, ports: ['TCP/7000', 'TCP/9042'], kind: 'StatefulSet' },
    'shop/payment': { labels: { app: 'payment' }, ports: ['TCP/8443'] },
    'shop/admin': { labels: { app: 'admin' }, ports: ['TCP/443'] },
    'shop/operator': { labels: { app: 'operator' }, serviceAccount: 'operator' },
    'frontend/frontend': { labels: { app: 'frontend' }, ports: ['TCP/8080'] },
    'api/api': { labels: { app: 'api' }, ports: ['TCP/8080'] },
    'payments/payment-service': { labels: { app: 'payment-service' }, ports: ['TCP/8080'] },
    'ingress-nginx/ingress-nginx-controller': { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: ['TCP/80', 'TCP/443'] },
    'monitoring/prometheus': { labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: ['TCP/9090'], kind: 'StatefulSet' },
    'kube-system/coredns': { labels: { 'k8s-app': 'kube-dns' }, ports: ['dns:UDP/53', 'dns-tcp:TCP/53'] },
  },
  apiServer: ['192.0.2.10'],
};
