import { Testing } from 'cdk8s';
import { DialectName, Manifest, PolicyChart } from '../../lib';
import { stringifyManifests } from '../../lib/synth/yaml';

/** A chart in namespace `shop` of a fresh test app, in a dialect. */
export function testChart(dialect: DialectName, namespace = 'shop'): PolicyChart {
  return new PolicyChart(Testing.app(), 'test', { namespace, dialect });
}

/** Builds a chart in a dialect and returns the synthesized manifests. */
export function synthManifests(dialect: DialectName, build: (chart: PolicyChart) => void, namespace = 'shop'): Manifest[] {
  const chart = testChart(dialect, namespace);
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

/** Manifests as readable multi-document YAML, for file snapshots: exactly what dist/ gets. */
export function toYaml(manifests: readonly Manifest[]): string {
  return stringifyManifests(manifests);
}

/** The synth error message of a chart (fails the test when it synthesizes). */
export function synthError(dialect: DialectName, build: (chart: PolicyChart) => void): string {
  try {
    synthManifests(dialect, build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the synth to fail, and it succeeded');
}
