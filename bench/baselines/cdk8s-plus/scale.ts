// The P2 baseline: the scale app's NetworkPolicies built with cdk8s-plus-33 and synthesized by
// cdk8s (App.synth, which writes with the yaml package), or written by a writer given.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';

const { DENY } = kplus.NetworkPolicyTrafficDefault;
const tcp = kplus.NetworkPolicyPort.tcp;

/**
 * Builds N namespaces of DefaultDeny, AllowDns and ThreeTier with cdk8s-plus, and synthesizes them
 * to `outdir`: with App.synth, or, given `write`, as App.synth would (every construct validated, the
 * chart's objects) but written to `scale.yaml` by `write`.
 */
export function synthPlusScale(namespaces: number, outdir: string, write?: (objects: unknown[]) => string): void {
  const app = new App({ outdir, outputFileExtension: '.yaml' });
  const chart = new Chart(app, 'scale');
  for (let index = 0; index < namespaces; index++) {
    const ns = `team-${index}`;
    const scope = new Construct(chart, `ns-${index}`);
    const policy = (id: string, name: string, props: kplus.NetworkPolicyProps) => new kplus.NetworkPolicy(scope, id, { metadata: { name, namespace: ns }, ...props });
    const pods = (id: string, labels: Record<string, string>, namespaces?: string[]) =>
      kplus.Pods.select(scope, id, { labels, ...(namespaces && { namespaces: kplus.Namespaces.select(scope, `${id}Ns`, { names: namespaces }) }) });
    policy('DefaultDeny', 'default-deny', { selector: kplus.Pods.all(scope, 'All'), ingress: { default: DENY }, egress: { default: DENY } });
    policy('AllowDns', 'allow-dns', { selector: kplus.Pods.all(scope, 'AllDns') }).addEgressRule(pods('KubeDns', { 'k8s-app': 'kube-dns' }, ['kube-system']), [
      kplus.NetworkPolicyPort.udp(53),
      kplus.NetworkPolicyPort.tcp(53),
    ]);
    const tier = (id: string, labels: Record<string, string>, port: number, from: kplus.INetworkPolicyPeer, to?: [Record<string, string>, number]) => {
      const tierPolicy = policy(id, `shop-${id.toLowerCase()}`, { selector: pods(`${id}Pods`, labels), ingress: { default: DENY }, egress: { default: DENY } });
      tierPolicy.addIngressRule(from, [tcp(port)]);
      if (to) tierPolicy.addEgressRule(pods(`${id}To`, to[0]), [tcp(to[1])]);
    };
    tier('Web', { app: 'web' }, 8080, kplus.Namespaces.select(scope, 'Entry', { names: ['ingress-nginx'] }), [{ app: 'api' }, 8080]);
    tier('App', { app: 'api' }, 8080, pods('FromWeb', { app: 'web' }), [{ app: 'postgres' }, 5432]);
    tier('Db', { app: 'postgres' }, 5432, pods('FromApi', { app: 'api' }));
  }
  if (!write) return app.synth();
  const errors = app.node.findAll().flatMap((construct) => construct.node.validate());
  if (errors.length > 0) throw new Error(`Validation failed: ${errors.join('; ')}`);
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'scale.yaml'), write(chart.toJson()));
}
