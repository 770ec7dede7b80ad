// Helpers for meaning tests: what reach prints for a pair, under intents or under YAML.
import { expect } from 'vitest';
import { verdictText } from '../../lib/analysis/format';
import { parseManifests } from '../../lib/analysis/manifests';
import { readPolicies } from '../../lib/analysis/policies';
import { reach, Reachability } from '../../lib/analysis/reach';
import { DialectName, PolicyIntent } from '../../lib';
import { FixtureSpec, fixtureWorkloads } from '../../lib/testing';

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
export function yamlConnections(yaml: string, spec: FixtureSpec, engine: DialectName): Connections {
  const policies = readPolicies(parseManifests(yaml, 'policy.yaml').map((sourced) => sourced.manifest));
  expect(policies.engine).toBe(engine);
  expect(policies.notAnalysed).toEqual([]);
  return connectionsOf(reach(policies.intents, fixtureWorkloads(spec)));
}
