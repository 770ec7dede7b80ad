// Which endpoints a user means by a name, and what is said when none is there.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../lib/analysis/analyse';
import { findEndpoints } from '../../lib/analysis/find-endpoints';
import { parseManifests } from '../../lib/analysis/manifests';

const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c}]}`;
const { reachability } = analyse(parseManifests(['api', 'api-gateway', 'web'].map(deployment).join('\n---\n'), 'input.yaml'));
const refused = (text: string) => () => findEndpoints(reachability, text, 'source');

describe('findEndpoints', () => {
  it('finds a workload by namespace/name, by its name alone, and as reach prints it', () => {
    for (const text of ['shop/api', 'api', 'shop/api[Deployment]']) expect(findEndpoints(reachability, text, 'source').map((endpoint) => endpoint.name)).toEqual(['shop/api[Deployment]']);
  });

  it('suggests the workload a pod name belongs to, the longest that fits, or the nearest name', () => {
    expect(refused('shop/api-gateway-7d4b9c6f5-x2x4k')).toThrow('shop/api-gateway-7d4b9c6f5-x2x4k: is not a source here: did you mean `shop/api-gateway`?');
    expect(refused('shop/api-7d4b9c6f5-x2x4k')).toThrow('did you mean `shop/api`?');
    expect(refused('shop/wbe')).toThrow('shop/wbe: is not a source here: did you mean `shop/web`?');
    expect(refused('shop/payments')).toThrow('shop/payments: is not a source here: give a workload (namespace/name), an address, or a name as reach prints it');
  });

  it('suggests the one workload whose name starts with the name given, as a ReplicaSet without its Deployment is named', () => {
    const replicaSet = 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-5d8f7c9b6, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}';
    const alone = analyse(parseManifests([replicaSet, deployment('api')].join('\n---\n'), 'input.yaml')).reachability;
    for (const text of ['shop/web', 'web']) expect(() => findEndpoints(alone, text, 'destination')).toThrow(`${text}: is not a destination here: did you mean \`shop/web-5d8f7c9b6\`?`);
    const two = analyse(parseManifests([replicaSet, replicaSet.replace('web-5d8f7c9b6', 'web-7f9c8d7e6')].join('\n---\n'), 'input.yaml')).reachability;
    expect(() => findEndpoints(two, 'shop/web', 'source')).toThrow('shop/web: is not a source here: give a workload');
  });
});
