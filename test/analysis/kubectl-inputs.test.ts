// Every shape `kubectl get -o yaml|json`, the API and Helm produce reads, and means what it says.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../lib/analysis/manifests';
import { readWorkloads } from '../../lib/analysis/workloads';
import { runNetpol } from '../support/cli';

const FIXTURES = path.resolve(__dirname, '../fixtures/kubectl');
const fixture = (name: string) => path.join(FIXTURES, name);

const reach = (args: string[], stdin?: string) => runNetpol(['reach', ...args], { cwd: FIXTURES, stdin });

// The three fixtures hold the same shop: web reaches api on its named port grpc (9000) only.
const webToApi = (web: string, api: string) => `${web} => ${api} : TCP 9000\n`;

describe('kubectl dumps', () => {
  it('reads a live List with status, managedFields and newer fields, naming a pod by its controller', async () => {
    const { code, out, err } = await reach(['list-live.yaml']);
    expect(code).toBe(0);
    expect(out).toContain(webToApi('shop/web-7d9f8b6c5d[ReplicaSet]', 'shop/api-0[Pod]'));
    expect(out).not.toContain('[External] => shop/api-0[Pod]');
    expect(out).toContain('shop/api-0[Pod] => shop/web-7d9f8b6c5d[ReplicaSet] : All Connections');
    // unknown fields outside policy specs are ignored, and named once
    expect(err).toBe(`notice: unknown field Namespace metadata.shardingKey (first in ${fixture('list-live.yaml')} document 0 items[0]): ignored\n`);
    const { workloads } = readWorkloads(loadManifests([fixture('list-live.yaml')]));
    expect(workloads.map((workload) => [workload.id, workload.serviceAccount, workload.ports])).toEqual([
      ['shop/api-0[Pod]', 'default', [{ name: 'grpc', port: 9000, protocol: 'TCP' }]],
      ['shop/web-7d9f8b6c5d[ReplicaSet]', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }]],
    ]);
  });

  it('reads typed lists (NamespaceList, PodList, ...) whose items do not say their kind, in JSON', async () => {
    const manifests = loadManifests([fixture('typed-lists.json')]);
    expect(manifests.map(({ manifest }) => `${manifest.apiVersion} ${manifest.kind}`)).toEqual(['v1 Namespace', 'apps/v1 Deployment', 'v1 Pod', 'networking.k8s.io/v1 NetworkPolicy']);
    expect(manifests[2].source).toBe(`${fixture('typed-lists.json')} document 0 items[2].items[0]`);
    const { code, out } = await reach(['typed-lists.json']);
    expect(code).toBe(0);
    expect(out).toContain(webToApi('shop/web[Deployment]', 'shop/api-0[Pod]'));
    expect(out).not.toContain('[External] => shop/api-0[Pod]');
  });

  it('reads Helm output: comments, empty documents, owners without kind, ports without containerPort (skipped with a notice)', async () => {
    const { code, out, err } = await reach(['helm.yaml']);
    expect(code).toBe(0);
    expect(out).toContain(webToApi('shop/web[Deployment]', 'shop/api[Pod]'));
    expect(err).toBe(`notice: ${fixture('helm.yaml')} document 3: containers[0].ports[1] has no containerPort: skipped (a policy naming its port "debug" does not match it)\n`);
    const { workloads } = readWorkloads(loadManifests([fixture('helm.yaml')]));
    expect(workloads.find((workload) => workload.name === 'web')?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('reads standard input as -, the same as the file', async () => {
    const text = fs.readFileSync(fixture('list-live.yaml'), 'utf8');
    const piped = await reach(['-'], text);
    expect(piped.code).toBe(0);
    expect(piped.out).toBe((await reach(['list-live.yaml'])).out);
    expect(piped.err).toContain('first in <stdin> document 0 items[0]');
  });

  it('still refuses what is not a Kubernetes object: exit 2 naming the file, document and field', async () => {
    const list = '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": []}}, {"metadata": {"name": "b"}}]}';
    const untyped = await reach(['-'], list);
    expect(untyped).toMatchObject({ code: 2, err: '<stdin> document 0: items[1]: not a Kubernetes object: it needs apiVersion and kind (strings)\n' });
    const scalar = await reach(['-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\njust text\n');
    expect(scalar).toMatchObject({ code: 2, err: expect.stringContaining('<stdin> document 1: not a Kubernetes object: found "just text"') });
    const wrongType = await reach(['-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec: {containers: [{name: c, ports: [{containerPort: "80"}]}]}\n');
    expect(wrongType).toMatchObject({ code: 2, err: expect.stringContaining('<stdin> document 0: spec.containers[0].ports[0].containerPort') });
  });

  it('reads the pods of one owner that differ in a label as one workload while every selector matches them alike, else refuses (exit 2)', async () => {
    const { code, out, err } = await reach(['label-gap.yaml']);
    expect([code, err]).toEqual([0, '']);
    // Both of web's pods have an app label, tool has none: only web reaches in, on TCP 90.
    expect(out.split('\n').filter((line) => line.includes('=> shop/'))).toEqual(['shop/web[ReplicaSet] => shop/tool[Pod] : TCP 90']);
    const text = fs.readFileSync(fixture('label-gap.yaml'), 'utf8').replace('{key: app, operator: Exists}', '{key: app, operator: In, values: [web-v1]}');
    const apart = await reach(['-'], text);
    expect(apart).toMatchObject({ code: 2, err: expect.stringContaining('shop/web[ReplicaSet]: labels["app"]: the workload\'s pods differ in label app, which NetworkPolicy shop/from-apps selects on, matching some of them only') });
  });
});
