// Helpers for meaning tests: what reach prints for a pair, under intents or under YAML.
import { expect } from 'vitest';
import { verdictText } from '../../lib/analysis/format';
import { parseManifests } from '../../lib/analysis/manifests';
import { readPolicies } from '../../lib/analysis/policies';
import { reach, Reachability } from '../../lib/analysis/reach';
import { DialectName, PolicyIntent } from '../../lib';
import { FixtureSpec, fixtureWorkloads } from '../../lib/testing';

/** The cluster the hand-checked dialect tests evaluate on: pods that selectors tell apart, a named port on two protocols, an API server. */
export const SEMANTICS_CLUSTER: FixtureSpec = {
  pods: {
    'shop/web': { labels: { app: 'web' }, ports: ['http:TCP/8080'] },
    'shop/api': { labels: { app: 'api', tier: 'backend' }, ports: ['http:TCP/9000'] },
    'shop/batch': { labels: { app: 'batch' }, ports: ['http:UDP/8080'] },
    'ops/tool': { labels: { app: 'tool' } },
    'ops/web': { labels: { app: 'web' } },
  },
  namespaces: { ops: { team: 'ops' } },
  apiServer: ['192.0.2.10'],
};

/** `from => to` as reach prints it; endpoints by printed name or namespace/name. */
export type Connections = (from: string, to: string) => string;

export function connectionsOf(reachability: Reachability): Connections {
  const find = (name: string, list: Reachability['sources']) => {
    const found = list.find((endpoint) => endpoint.name === name || (endpoint.kind === 'workload' && `${endpoint.workload.namespace}/${endpoint.workload.name}` === name));
    if (!found) throw new Error(`no endpoint ${name} among ${list.map((endpoint) => endpoint.name).join(', ')}`);
    return found;
  };
  return (from, to) => verdictText(reachability.connection(find(from, reachability.sources), find(to, reachability.destinations)));
}

/** Connections under intents, on a fixture cluster. */
export function intentConnections(intents: readonly PolicyIntent[], spec: FixtureSpec): Connections {
  return connectionsOf(reach(intents, fixtureWorkloads(spec)));
}

/** Connections under YAML read with an engine's reader (every policy analysed), on a fixture cluster. */
export function yamlConnections(yaml: string, engine: DialectName, spec: FixtureSpec = SEMANTICS_CLUSTER): Connections {
  const policies = readPolicies(parseManifests(yaml, 'policy.yaml').map((sourced) => sourced.manifest));
  expect(policies.engine).toBe(engine);
  expect(policies.notAnalysed).toEqual([]);
  return connectionsOf(reach(policies.intents, fixtureWorkloads(spec)));
}
