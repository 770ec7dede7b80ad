// The example apps' policies (apps/shop.ts, apps/microservices.ts) written with cdk8s-plus-33's
// NetworkPolicy, as faithfully as it can: cdk8s-plus has no named ports (the shop's `metrics`
// port is written as 9090 here), no matchExpressions in pod selectors of peers made from plain
// labels (the monitoring policy lists its pods one policy per app instead), and no descriptions.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-33';

const { DENY } = kplus.NetworkPolicyTrafficDefault;
const tcp = kplus.NetworkPolicyPort.tcp;
const dnsPorts = [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)];

function pods(scope: Construct, id: string, labels: Record<string, string>, namespaces?: string[]): kplus.Pods {
  return kplus.Pods.select(scope, id, { labels, ...(namespaces && { namespaces: kplus.Namespaces.select(scope, `${id}Ns`, { names: namespaces }) }) });
}

function policy(scope: Construct, id: string, name: string, namespace: string, props: kplus.NetworkPolicyProps): kplus.NetworkPolicy {
  return new kplus.NetworkPolicy(scope, id, { metadata: { name, namespace }, ...props });
}

function defaultDenyAndDns(scope: Construct, namespace: string): void {
  policy(scope, `DefaultDeny-${namespace}`, 'default-deny', namespace, { selector: kplus.Pods.all(scope, `All-${namespace}`), ingress: { default: DENY }, egress: { default: DENY } });
  const dns = policy(scope, `AllowDns-${namespace}`, 'allow-dns', namespace, { selector: kplus.Pods.all(scope, `AllDns-${namespace}`) });
  dns.addEgressRule(pods(scope, `KubeDns-${namespace}`, { 'k8s-app': 'kube-dns' }, ['kube-system']), dnsPorts);
}

function shop(app: App): void {
  const chart = new Chart(app, 'shop');
  const ns = 'production';
  defaultDenyAndDns(chart, ns);
  const ingress = pods(chart, 'IngressNginx', { 'app.kubernetes.io/name': 'ingress-nginx' }, ['ingress-nginx']);
  const tier = (id: string, name: string, labels: Record<string, string>, port: number, from: kplus.INetworkPolicyPeer, to?: [Record<string, string>, number]) => {
    const tierPolicy = policy(chart, id, name, ns, { selector: pods(chart, `${id}Pods`, labels), ingress: { default: DENY }, egress: { default: DENY } });
    tierPolicy.addIngressRule(from, [tcp(port)]);
    if (to) tierPolicy.addEgressRule(pods(chart, `${id}To`, to[0]), [tcp(to[1])]);
  };
  tier('Web', 'shop-web', { app: 'web' }, 8080, ingress, [{ app: 'api' }, 8080]);
  tier('App', 'shop-app', { app: 'api' }, 8080, pods(chart, 'WebPeer', { app: 'web' }), [{ app: 'postgres' }, 5432]);
  tier('Db', 'shop-db', { app: 'postgres' }, 5432, pods(chart, 'ApiPeer', { app: 'api' }));
  for (const app of ['web', 'api', 'payment']) {
    const monitoring = policy(chart, `Prometheus-${app}`, `allow-prometheus-${app}`, ns, { selector: pods(chart, `Scraped-${app}`, { app }) });
    monitoring.addIngressRule(pods(chart, `Prometheus-${app}-Pods`, { 'app.kubernetes.io/name': 'prometheus' }, ['monitoring']), [tcp(9090)]);
  }
  policy(chart, 'ApiToPayment', 'api-to-payment', ns, { selector: pods(chart, 'ApiPods', { app: 'api' }) }).addEgressRule(pods(chart, 'PaymentPeer', { app: 'payment' }), [tcp(8443)]);
  policy(chart, 'Payment', 'payment', ns, { selector: pods(chart, 'PaymentPods', { app: 'payment' }) }).addIngressRule(pods(chart, 'ApiPeer2', { app: 'api' }), [tcp(8443)]);
  policy(chart, 'PaymentProvider', 'payment-provider', ns, { selector: pods(chart, 'PaymentPods2', { app: 'payment' }) }).addEgressRule(
    kplus.NetworkPolicyIpBlock.ipv4(chart, 'Internet', '0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']),
    [tcp(443)],
  );
  policy(chart, 'AllowIngress', 'allow-ingress', ns, { selector: pods(chart, 'IngressTargets', { app: 'web' }) }).addIngressRule(pods(chart, 'IngressNginx2', { 'app.kubernetes.io/name': 'ingress-nginx' }, ['ingress-nginx']), [tcp(8080)]);
}

function microservices(app: App): void {
  const platform = new Chart(app, 'platform');
  for (const ns of ['api', 'payments', 'users']) defaultDenyAndDns(platform, ns);
  const chart = new Chart(app, 'services');
  policy(chart, 'ApiFromIngress', 'api-from-ingress', 'api', { selector: pods(chart, 'ApiPods', { app: 'api' }) }).addIngressRule(kplus.Namespaces.select(chart, 'IngressNs', { names: ['ingress-nginx'] }), [tcp(8080)]);
  const cross = (id: string, name: string, client: [string, Record<string, string>], server: [string, Record<string, string>], port: number) => {
    policy(chart, `${id}Client`, name, client[0], { selector: pods(chart, `${id}ClientPods`, client[1]) }).addEgressRule(pods(chart, `${id}ServerPeer`, server[1], [server[0]]), [tcp(port)]);
    policy(chart, `${id}Server`, name, server[0], { selector: pods(chart, `${id}ServerPods`, server[1]) }).addIngressRule(pods(chart, `${id}ClientPeer`, client[1], [client[0]]), [tcp(port)]);
  };
  cross('ApiToPayments', 'api-to-payments', ['api', { app: 'api' }], ['payments', { app: 'payment-service' }], 8080);
  cross('ApiToUsers', 'api-to-users', ['api', { app: 'api' }], ['users', { app: 'user-service' }], 8080);
  const db = policy(chart, 'UsersDb', 'users-db', 'users', { selector: pods(chart, 'DbPods', { app: 'users-db' }), ingress: { default: DENY }, egress: { default: DENY } });
  db.addIngressRule(pods(chart, 'UserService', { app: 'user-service' }), [tcp(5432)]);
  const replication = policy(chart, 'UsersDbReplication', 'users-db-replication', 'users', { selector: pods(chart, 'ReplicaPods', { app: 'users-db' }) });
  replication.addIngressRule(pods(chart, 'ReplicaIn', { app: 'users-db' }), [tcp(5432)]);
  replication.addEgressRule(pods(chart, 'ReplicaOut', { app: 'users-db' }), [tcp(5432)]);
  policy(chart, 'UserServiceToDb', 'user-service-to-db', 'users', { selector: pods(chart, 'UserServicePods', { app: 'user-service' }) }).addEgressRule(pods(chart, 'DbPeer', { app: 'users-db' }), [tcp(5432)]);
}

// `main.ts [shop|microservices]`: one app (the fair P1 rows compare the shop alone), or both.
const only = process.argv[2];
for (const build of [shop, microservices].filter((app) => !only || app.name === only)) {
  const app = new App({ outdir: `dist/${build.name}`, outputFileExtension: '.yaml' });
  build(app);
  app.synth();
}
