// P6 — adopting existing YAML: `netpol import` (TypeScript from 2,000 policies, each construct's
// source built and checked) and `netpol convert` (render in another dialect, read back, and the
// equivalence check on the cover cluster) of P3's cluster policies, read from disk each time; and
// the conversion of Calico policies crowded into one namespace, whose cover cluster has two pods a policy.
import * as fs from 'fs';
import * as path from 'path';
import { convertPolicies } from '../lib/adopt/convert';
import { importPolicies } from '../lib/adopt/import';
import { readPolicyFiles } from '../lib/adopt/policy-files';
import { stringifyManifests } from '../lib/synth/yaml';
import { writeCluster } from './reach/cluster';
import { crowdedNamespace } from './scale/crowded';
import { tinybench } from './support/measure';
import { Row } from './support/report';
import { BenchOptions, WORK } from './options';

const GOAL_SECONDS = 2;
const CONVERSIONS = [['calico', 'cilium'], ['kubernetes', 'calico']] as const;

export async function runP6(options: BenchOptions): Promise<Row[]> {
  const namespaces = options.quick ? 50 : 500;
  const iterations = options.quick ? 2 : 3;
  const folder = path.join(WORK, 'p6');
  const rows: Row[] = [];
  for (const [from, to] of CONVERSIONS) {
    // Policies only: the cover cluster is what the proof runs on.
    const [, policies] = writeCluster(folder, from, 0, namespaces);
    const count = readPolicyFiles([policies], folder).files.reduce((sum, file) => sum + file.intents.length, 0);
    const timings = await tinybench(
      {
        import: () => importPolicies(readPolicyFiles([policies], folder)),
        convert: () => convertPolicies(readPolicyFiles([policies], folder), { to }),
      },
      iterations,
    );
    const label = `${count.toLocaleString('en-US')} ${from} policies`;
    const goal = (seconds: number) => (options.quick ? {} : { goal: { text: `≤ ${GOAL_SECONDS} s`, met: seconds <= GOAL_SECONDS } });
    rows.push({ benchmark: 'P6', measure: `${label}: import as TypeScript`, value: timings.import, ...goal(timings.import.median) });
    rows.push({ benchmark: 'P6', measure: `${label}: convert to ${to} with the equivalence check`, value: timings.convert, ...goal(timings.convert.median) });
  }
  const crowded = options.quick ? 100 : 1_000;
  const file = path.join(folder, `crowded-${crowded}.yaml`);
  fs.writeFileSync(file, stringifyManifests(crowdedNamespace(crowded)));
  const timing = await tinybench({ convert: () => convertPolicies(readPolicyFiles([file], folder), { to: 'cilium' }) }, iterations);
  rows.push({ benchmark: 'P6', measure: `${crowded.toLocaleString('en-US')} calico policies in one namespace (allows and denies by turns): convert to cilium with the equivalence check`, value: timing.convert });
  return rows;
}
