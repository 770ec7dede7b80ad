// Workloads, namespaces and service accounts from manifests, as netpol-analyzer reads them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadManifests, parseManifests } from '../../lib/analysis/manifests';
import { readWorkloads } from '../../lib/analysis/workloads';

const read = (text: string) => readWorkloads(parseManifests(text, 'input.yaml'));
const template = (labels: object, extra = '') => `
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      containers:
      - name: c
        ports: [{containerPort: 8080, name: http}, {containerPort: 53, name: dns, protocol: UDP}]${extra}`;

describe('readWorkloads', () => {
  it('reads every workload kind from its pod template, named namespace/name[Kind]', () => {
    const kinds = ['apps/v1 Deployment', 'apps/v1 ReplicaSet', 'v1 ReplicationController', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job'];
    const text = kinds.map((entry, index) => {
      const [apiVersion, kind] = entry.split(' ');
      return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w${index}, namespace: shop}\nspec:${template({ app: `a${index}` })}`;
    });
    text.push(`apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: shop}\nspec:\n  jobTemplate:\n    spec:${template({ app: 'nightly' }).replace(/\n/g, '\n    ')}`);
    text.push('apiVersion: v1\nkind: Pod\nmetadata: {name: lone, namespace: shop, labels: {app: lone}}\nspec: {containers: [{name: c}]}');
    const { workloads } = read(text.join('\n---\n'));
    expect(workloads.map((workload) => workload.id)).toEqual([
      'shop/lone[Pod]', 'shop/nightly[CronJob]', 'shop/w0[Deployment]', 'shop/w1[ReplicaSet]', 'shop/w2[ReplicationController]',
      'shop/w3[StatefulSet]', 'shop/w4[DaemonSet]', 'shop/w5[Job]',
    ]);
    const deployment = workloads.find((workload) => workload.id === 'shop/w0[Deployment]');
    expect(deployment).toMatchObject({ labels: { app: 'a0' }, serviceAccount: 'default', hostNetwork: false });
    expect(deployment?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
    expect(workloads.find((workload) => workload.name === 'nightly')?.labels).toEqual({ app: 'nightly' });
  });

  it("names unknown fields of an object's metadata and of its pod template's (its pods would have no labels), once each", () => {
    const deployment = (name: string, metadata: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata: ${metadata}\n    spec: {containers: [{name: c}]}`;
    const cronJob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: shop, labls: {}}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {lables: {app: x}}\n        spec: {containers: [{name: c}]}';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: lone, namespace: shop, lables: {app: lone}}\nspec: {containers: [{name: c}]}';
    const { notices, workloads } = read([deployment('web', '{lables: {app: web}}'), deployment('api', '{lables: {app: api}}'), cronJob, pod].join('\n---\n'));
    expect(notices).toEqual([
      'unknown field Deployment spec.template.metadata.lables (first in input.yaml document 0): ignored',
      'unknown field CronJob metadata.labls (first in input.yaml document 2): ignored',
      'unknown field CronJob spec.jobTemplate.spec.template.metadata.lables (first in input.yaml document 2): ignored',
      // A Pod is its own template: said once.
      'unknown field Pod metadata.lables (first in input.yaml document 3): ignored',
    ]);
    expect(workloads.find((workload) => workload.name === 'web')?.labels).toEqual({});
  });

  it('says when a namespace or service account is given twice with other labels, and reads the later', () => {
    const namespace = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: ${labels}}`;
    const account = (labels: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: shop, labels: ${labels}}`;
    // The name label the API server adds is in a dump, not in a file: the same labels.
    expect(read([namespace('{team: a}'), namespace('{team: a, kubernetes.io/metadata.name: shop}'), account('{role: x}'), account('{role: x}')].join('\n---\n')).notices).toEqual([]);
    const twice = read([namespace('{team: a}'), namespace('{team: b}'), account('{role: x}'), account('{}')].join('\n---\n'));
    expect(twice.notices).toEqual([
      'Namespace shop is given twice with other labels (in input.yaml document 0, then in input.yaml document 1): the later labels are used',
      'ServiceAccount shop/api is given twice with other labels (in input.yaml document 2, then in input.yaml document 3): the later labels are used',
    ]);
    expect(twice.namespaces.find((entry) => entry.name === 'shop')?.labels.team).toBe('b');
  });

  it('reports a pod by its controller (controller: true only), so a controller given with its pods counts once', () => {
    const pod = (name: string, owners: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: {app: web}, ownerReferences: ${owners}}\nspec: {containers: [{name: c}]}`;
    const { workloads } = read([
      `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-7d9f, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}`,
      pod('web-7d9f-a', '[{kind: ReplicaSet, name: web-7d9f, controller: true}]'),
      pod('web-7d9f-b', '[{kind: ReplicaSet, name: web-7d9f, controller: true}]'),
      pod('tagged', '[{kind: ConfigMap, name: settings}]'),
      pod('mirror', '[{kind: Node, name: node-1, controller: true}]'),
    ].join('\n---\n'));
    expect(workloads.map((workload) => workload.id)).toEqual(['shop/mirror[Pod]', 'shop/tagged[Pod]', 'shop/web-7d9f[ReplicaSet]']);
  });

  it('sets aside labels that differ between the pods of one workload', () => {
    const pod = (name: string, index: number) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: db, labels: {app: pg, pod-index: "${index}"}, ownerReferences: [{kind: StatefulSet, name: pg, controller: true}]}\nspec: {containers: [{name: c}]}`;
    const [workload] = read([pod('pg-0', 0), pod('pg-1', 1)].join('\n---\n')).workloads;
    expect(workload).toMatchObject({ id: 'db/pg[StatefulSet]', labels: { app: 'pg' }, varyingLabels: ['pod-index'] });
    expect(workload.labelSets).toEqual([{ app: 'pg', 'pod-index': '0' }, { app: 'pg', 'pod-index': '1' }]);
  });

  it('keeps host-network pods and their service account', () => {
    const [workload] = read(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: kube-system}\nspec:\n  template:\n    spec: {hostNetwork: true, serviceAccountName: agent, containers: [{name: c}]}`).workloads;
    expect(workload).toMatchObject({ hostNetwork: true, serviceAccount: 'agent', labels: {} });
  });

  it('gives namespaces the automatic name labels, creates used ones, and puts objects without a namespace in default', () => {
    const { namespaces, workloads } = read([
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: web, kubernetes.io/metadata.name: wrong}}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: used}\nspec: {containers: [{name: c}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c}]}',
    ].join('\n---\n'));
    expect(workloads.map((workload) => workload.id)).toEqual(['default/q[Pod]', 'used/p[Pod]']);
    expect(namespaces).toEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default', 'projectcalico.org/name': 'default' } },
      { name: 'shop', labels: { team: 'web', 'kubernetes.io/metadata.name': 'shop', 'projectcalico.org/name': 'shop' } },
      { name: 'used', labels: { 'kubernetes.io/metadata.name': 'used', 'projectcalico.org/name': 'used' } },
    ]);
  });

  it("reads service accounts' labels (with Calico's name label) and the API server's addresses", () => {
    const { serviceAccounts, apiServer } = read([
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: ops, labels: {role: ci}}',
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: kubernetes, namespace: default, labels: {kubernetes.io/service-name: kubernetes}}\nendpoints: [{addresses: [192.0.2.10, "2001:DB8::1"]}]',
      'apiVersion: v1\nkind: Endpoints\nmetadata: {name: kubernetes, namespace: default}\nsubsets: [{addresses: [{ip: 192.0.2.11}]}]',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ops}\nspec: {ports: [{port: 80}]}',
    ].join('\n---\n'));
    expect(serviceAccounts).toEqual([{ namespace: 'ops', name: 'robot', labels: { role: 'ci', 'projectcalico.org/name': 'robot' } }]);
    expect(apiServer).toEqual(['192.0.2.10/32', '192.0.2.11/32', '2001:db8::1/128']);
  });

  it('reads JSON objects, lists and arrays, and YAML lists', () => {
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'a' }, spec: { containers: [{ name: 'c' }] } });
    const ids = (text: string) => read(text).workloads.map((workload) => workload.name);
    expect(ids(JSON.stringify(pod('one')))).toEqual(['one']);
    expect(ids(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [pod('two'), pod('three')] }))).toEqual(['three', 'two']);
    expect(ids(JSON.stringify([pod('four')]))).toEqual(['four']);
    expect(ids(`apiVersion: v1\nkind: List\nitems:\n- ${JSON.stringify(pod('five'))}`)).toEqual(['five']);
  });

  it('names the file and document index of a malformed document', () => {
    const good = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}';
    expect(() => read(`${good}\n---\nkind: [unclosed`)).toThrow(/input\.yaml document 1 line 5 column \d+: not valid YAML/);
    expect(() => read(`${good}\n---\njust: data`)).toThrow(/input\.yaml document 1: not a Kubernetes object/);
    expect(() => read(`${good}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {version: 2}}\n    spec: {containers: [{name: c, ports: [{containerPort: 99999}]}]}`)).toThrow(
      /input\.yaml document 1: spec\.template\.metadata\.labels\.version: .*\n.*spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort/,
    );
  });

  it('reads files and directories recursively in name order, skipping other files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-workloads-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}');
    fs.writeFileSync(path.join(dir, 'sub', 'a.json'), '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}');
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a manifest');
    expect(loadManifests([dir]).map((sourced) => sourced.source)).toEqual([`${path.join(dir, 'b.yaml')} document 0`, `${path.join(dir, 'sub', 'a.json')} document 0`]);
    expect(() => loadManifests([path.join(dir, 'missing')])).toThrow(/no such file or directory/);
  });
});
