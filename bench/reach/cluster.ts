// The P3 cluster: N pods in 500 namespaces under 2,000 policies (four per namespace: a default deny,
// DNS, Prometheus scraping a named port, and one of namespace allows, external HTTPS egress by
// ipBlock, same-namespace traffic, or a database only its clients reach), the same policies in
// every dialect. Seeded: every run generates the same cluster.
//
// Two kinds of cluster. "saturating": pods differ only in app and namespace, so at most
// 500 × 5 pod classes however many pods there are. "diverse": each pod also carries its own
// `statefulset.kubernetes.io/pod-name`, and instead of Prometheus each namespace has a policy
// whose rules let in peers by pod name, one rule per bit of the pod's position in its namespace:
// the selectors tell every pod apart, so there is up to one class per pod. (A label that no
// selector tests would not do: pods that every policy treats alike are one class.)
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import {
  AllowDns, AllowExternalEgress, AllowFromNamespace, AllowMonitoring, AllowSameNamespace, DefaultDeny, DIALECT_CONTEXT_KEY,
  DialectName, IsolateDatabase, Peer, Policy, PolicyChart, Port,
} from '../../lib';
import { stringifyManifests } from '../../lib/synth/yaml';
import { Choices } from './random';

const SEED = 20261125;
const APPS = ['web', 'api', 'db', 'cache', 'worker'] as const;
const PORTS: Record<(typeof APPS)[number], { name: string; containerPort: number }[]> = {
  web: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
  api: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
  db: [{ name: 'postgres', containerPort: 5432 }, { name: 'metrics', containerPort: 9187 }],
  cache: [{ name: 'redis', containerPort: 6379 }],
  worker: [{ name: 'metrics', containerPort: 9090 }],
};

const teamNamespace = (index: number) => `team-${index}`;
const POD_NAME = 'statefulset.kubernetes.io/pod-name';

/** How pods differ: only by app and namespace, or each pod in labels the policies test. */
export type Diversity = 'saturating' | 'diverse';

/** The pods of one namespace in a cluster of `pods` pods: indexes namespace, namespace + namespaces, ... */
const podsPerNamespace = (pods: number, namespaces: number) => Math.ceil(pods / namespaces);
// Pods are named by app in a saturating cluster; in a diverse one, as the pods of one StatefulSet
// (`member-<index>`), so that a rule lists the names of the pods it means and no others.
const podName = (app: string, index: number, diversity: Diversity) => (diversity === 'diverse' ? `member-${index}` : `${app}-${index}`);

function pod(namespace: string, name: string, labels: Record<string, string>, ports: { name: string; containerPort: number }[]) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'main', image: 'registry.example/app:1', ports }] } };
}

/** The workloads: namespaces with labels, `pods` pods spread over them, and the platform's own pods. */
export function clusterWorkloads(pods: number, namespaces: number, diversity: Diversity = 'saturating'): object[] {
  const choices = new Choices(SEED + pods, pods * 3 + namespaces * 2);
  const objects: object[] = [];
  for (let index = 0; index < namespaces; index++) {
    const labels = { team: `t${choices.below(20)}`, env: choices.pick(['prod', 'staging', 'dev']) };
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: teamNamespace(index), labels } });
  }
  for (let index = 0; index < pods; index++) {
    const app = choices.pick(APPS);
    const labels = { app, version: choices.pick(['v1', 'v2']), ...(diversity === 'diverse' && { [POD_NAME]: podName(app, index, diversity) }) };
    objects.push(pod(teamNamespace(index % namespaces), podName(app, index, diversity), labels, PORTS[app]));
  }
  objects.push(pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', containerPort: 53 }]));
  objects.push(pod('monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }, [{ name: 'web', containerPort: 9090 }]));
  objects.push(pod('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', containerPort: 80 }]));
  return objects;
}

/**
 * In a diverse cluster, the policy that takes Prometheus' place: from the pods whose position in
 * the namespace has bit k set, for each bit, on every port. A namespace's pods are the members
 * numbered namespace, namespace + namespaces, ...
 */
function shardPeers(chart: PolicyChart, index: number, namespace: string, pods: number, namespaces: number): void {
  const count = podsPerNamespace(pods, namespaces);
  const policy = new Policy(chart, `ByPodName-${index}`, { name: 'by-pod-name', namespace });
  for (let bit = 0; 2 ** bit < count; bit++) {
    const names: string[] = [];
    for (let position = 0; position < count; position++) {
      const member = index + position * namespaces;
      if (position & (2 ** bit) && member < pods) names.push(podName('', member, 'diverse'));
    }
    if (names.length > 0) policy.allowFrom(Peer.pods({ matchExpressions: [{ key: POD_NAME, operator: 'In', values: names }] }));
  }
}

/** Adds the policies, four per namespace, to an app. */
export function buildClusterPolicies(app: App, namespaces: number, diverse?: { pods: number }): void {
  const chart = new PolicyChart(app, 'cluster');
  const choices = new Choices(SEED, namespaces * 3);
  for (let index = 0; index < namespaces; index++) {
    const namespace = teamNamespace(index);
    const id = (name: string) => `${name}-${index}`;
    new DefaultDeny(chart, id('DefaultDeny'), { name: 'default-deny', namespace });
    new AllowDns(chart, id('AllowDns'), { name: 'allow-dns', namespace });
    if (diverse) shardPeers(chart, index, namespace, diverse.pods, namespaces);
    else new AllowMonitoring(chart, id('AllowMonitoring'), { name: 'allow-prometheus', namespace, prometheusPods: { 'app.kubernetes.io/name': 'prometheus' }, ports: [Port.tcp('metrics')] });
    switch (choices.below(4)) {
      case 0: {
        const from = [teamNamespace(choices.below(namespaces)), teamNamespace(choices.below(namespaces)), 'ingress-nginx'];
        new AllowFromNamespace(chart, id('AllowFrom'), { name: 'api-from-namespaces', namespace, select: { app: 'api' }, from: [...new Set(from)], ports: [Port.tcp('http')] });
        break;
      }
      case 1:
        new AllowExternalEgress(chart, id('AllowHttps'), { name: 'worker-https', namespace, select: { app: 'worker' }, dns: false });
        break;
      case 2:
        new AllowSameNamespace(chart, id('AllowSame'), { name: 'same-namespace', namespace });
        break;
      default:
        new IsolateDatabase(chart, id('Database'), { name: 'database', namespace, select: { app: 'db' }, ports: [Port.tcp('postgres')], clients: [Peer.pods({ app: 'api' })], dns: false });
    }
  }
}

// Workload files this process wrote: every dialect reads the same ones.
const written = new Set<string>();

function policyManifests(dialect: DialectName, pods: number, namespaces: number, diversity: Diversity): unknown[] {
  const app = new App();
  app.node.setContext(DIALECT_CONTEXT_KEY, dialect);
  buildClusterPolicies(app, namespaces, diversity === 'diverse' ? { pods } : undefined);
  return app.charts.flatMap((chart) => chart.toJson());
}

/** Writes the cluster's workloads and its policies in a dialect as YAML; returns the files. */
export function writeCluster(folder: string, dialect: DialectName, pods: number, namespaces: number, diversity: Diversity = 'saturating'): string[] {
  fs.mkdirSync(folder, { recursive: true });
  // A diverse cluster's policies depend on the number of pods; a saturating one's do not.
  const policies = path.join(folder, `policies-${dialect}-${diversity === 'diverse' ? `diverse-${pods}` : 'saturating'}.yaml`);
  fs.writeFileSync(policies, stringifyManifests(policyManifests(dialect, pods, namespaces, diversity)));
  const workloads = path.join(folder, `workloads-${diversity}-${pods}.yaml`);
  if (!written.has(workloads)) fs.writeFileSync(workloads, stringifyManifests(clusterWorkloads(pods, namespaces, diversity)));
  written.add(workloads);
  return [workloads, policies];
}

/**
 * Writes the cluster's next version as one `kind: List` file: every eleventh pod and every seventh
 * policy gone (for `netpol diff` and `netpol report --diff`: workloads that go, rules that go);
 * returns the file.
 */
export function writeNextClusterList(folder: string, dialect: DialectName, pods: number, namespaces: number, diversity: Diversity): string {
  fs.mkdirSync(folder, { recursive: true });
  let podIndex = 0;
  const workloads = clusterWorkloads(pods, namespaces, diversity).filter((object) => (object as { kind: string }).kind !== 'Pod' || ++podIndex % 11 !== 0);
  const policies = policyManifests(dialect, pods, namespaces, diversity).filter((_, index) => (index + 1) % 7 !== 0);
  const file = path.join(folder, `next-${dialect}-${diversity}-${pods}.yaml`);
  fs.writeFileSync(file, stringifyManifests([{ apiVersion: 'v1', items: [...workloads, ...policies], kind: 'List', metadata: { resourceVersion: '' } }]));
  return file;
}

/**
 * Writes the whole cluster (workloads and a dialect's policies) as one `kind: List` file, as
 * `kubectl get ... -o yaml` (or `-o json`) prints it; returns the file.
 */
export function writeClusterList(folder: string, dialect: DialectName, pods: number, namespaces: number, diversity: Diversity, format: 'yaml' | 'json' = 'yaml'): string {
  fs.mkdirSync(folder, { recursive: true });
  const items = [...clusterWorkloads(pods, namespaces, diversity), ...policyManifests(dialect, pods, namespaces, diversity)];
  const list = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  const file = path.join(folder, `list-${dialect}-${diversity}-${pods}.${format}`);
  fs.writeFileSync(file, format === 'json' ? `${JSON.stringify(list, null, 4)}\n` : stringifyManifests([list]));
  return file;
}

/**
 * Writes an open cluster: `pods` pods in one namespace, each its own workload, and no policy, so
 * every pod reaches every other (pods² lines to list); returns the file.
 */
export function writeOpenCluster(folder: string, pods: number): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `open-${pods}.yaml`);
  fs.writeFileSync(file, stringifyManifests(Array.from({ length: pods }, (_, index) => pod('shop', `pod-${index}`, { app: `app-${index}` }, []))));
  return file;
}
