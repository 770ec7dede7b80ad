// LINT — `netpol lint` on 2,000 policies (P3's generated cluster: 500 namespaces, with its
// workloads, so every check runs) in every dialect: reading the YAML and linting, timed apart and
// together; the goal is the whole under 2 s. And Calico policies all in one namespace, allows and
// denies by turns, each with its order: the checks that compare policies of one namespace.
import * as path from 'path';
import { DIALECTS, DialectName } from '../lib';
import { loadManifests } from '../lib/analysis';
import { lint } from '../lib/lint';
import { writeCluster } from './reach/cluster';
import { crowdedNamespace } from './scale/crowded';
import { tinybench } from './support/measure';
import { Row } from './support/report';
import { BenchOptions, WORK } from './options';

const GOAL_SECONDS = 2;

export async function runLint(options: BenchOptions): Promise<Row[]> {
  const pods = options.quick ? 200 : 1_000;
  const namespaces = options.quick ? 50 : 500;
  const rows: Row[] = [];
  for (const dialect of Object.keys(DIALECTS) as DialectName[]) {
    const files = writeCluster(path.join(WORK, 'lint'), dialect, pods, namespaces);
    const manifests = loadManifests(files).map(({ manifest }) => manifest);
    const report = lint({ manifests });
    if (report.notAnalysed.length > 0) throw new Error(`LINT ${dialect}: ${report.notAnalysed.length} policies not analysed: the generator must stay analysable`);
    const policies = manifests.filter((manifest) => /NetworkPolicy$/.test(manifest.kind)).length;
    const timings = await tinybench({ lint: () => lint({ manifests }), whole: () => lint({ manifests: loadManifests(files).map(({ manifest }) => manifest) }) }, options.quick ? 2 : 5);
    const label = `${dialect}, ${policies.toLocaleString('en-US')} policies, ${pods.toLocaleString('en-US')} pods (${report.findings.length} findings)`;
    rows.push({ benchmark: 'LINT', measure: `${label}: lint`, value: timings.lint });
    rows.push({
      benchmark: 'LINT',
      measure: `${label}: reading the YAML and lint`,
      value: timings.whole,
      ...(!options.quick && { goal: { text: `≤ ${GOAL_SECONDS} s`, met: timings.whole.median <= GOAL_SECONDS } }),
    });
  }
  const crowded = options.quick ? 400 : 4_000;
  const manifests = crowdedNamespace(crowded);
  const timing = await tinybench({ lint: () => lint({ manifests }) }, options.quick ? 2 : 5);
  rows.push({ benchmark: 'LINT', measure: `calico, ${crowded.toLocaleString('en-US')} policies in one namespace (allows and denies by turns, each with its order): lint`, value: timing.lint });
  return rows;
}
