// The page draws from the snapshot `netpol report` embeds and evaluates only on demand: both must
// give the views what ReportModel gives them.
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../lib/analysis/analyse';
import { loadManifests } from '../../lib/analysis/manifests';
import { Port } from '../../lib/model/port';
import { PageData } from '../../lib/report/data';
import { ReportModel } from '../../lib/report/model';
// Runs the evaluator part as the page would, so the page model can evaluate in Node.
import '../../lib/report/page/evaluator';
import { PageModel } from '../../lib/report/page/page-model';
import { reportSnapshot } from '../../lib/report/snapshot';

const root = path.join(__dirname, '..', '..');
const load = (...paths: string[]) => loadManifests(paths.map((given) => path.join(root, given)));

const cases = {
  'the shop': [load('apps/workloads', 'dist/kubernetes/shop')],
  'the diff example': ['before', 'after'].map((version) => [...load(`examples/diff/${version}.yaml`), ...load('apps/workloads/platform.yaml', 'apps/workloads/shop.yaml')]),
};

describe.each(Object.entries(cases))('the page model of %s', (_, versions) => {
  const model = new ReportModel(versions.map((manifests) => analyse(manifests)));
  // Through JSON, as the page reads it.
  const data: PageData = JSON.parse(JSON.stringify({ title: 't', versions: versions.map((_, index) => ({ label: `v${index}` })), snapshot: reportSnapshot(model), findings: [] }));
  const page = new PageModel(data, () => JSON.parse(JSON.stringify(versions)));

  it('draws the namespace cells, the groups\' endpoints, protection and the counts from the snapshot alone', () => {
    expect(page.groups).toEqual(model.groups);
    expect(page.groupCells).toEqual(model.groupCells);
    for (const group of model.groups) {
      for (const side of ['source', 'destination'] as const) {
        expect(page.endpointsOf(group, side).map(({ name, kind, group: of }) => [name, kind, of])).toEqual(model.endpointsOf(group, side).map((endpoint) => [endpoint.name, endpoint.kind, model.groupOf(endpoint)]));
      }
    }
    expect(page.protection()).toEqual(model.protection());
    expect(page.changeCounts()).toEqual(model.changeCounts());
    expect(page.workloads).toBe(model.sources.filter((endpoint) => endpoint.kind === 'workload').length);
    expect(page.isEvaluated).toBe(false);
  });

  it('evaluates on demand: every pair, any cell of endpoints and an explanation as ReportModel', () => {
    for (const source of model.sources) {
      for (const destination of model.destinations) {
        expect(page.cell(page.endpoint(source.name)!, page.endpoint(destination.name)!), `${source.name} -> ${destination.name}`).toEqual(model.cell(source, destination));
      }
    }
    expect(page.isEvaluated).toBe(true);
    const [from, to] = [model.groups[0], model.groups[1]];
    expect(page.combined(page.endpointsOf(from, 'source'), page.endpointsOf(to, 'destination'))).toEqual(model.groupCells.get(from)?.get(to) ?? expect.objectContaining({ pairs: 0 }));
    expect(page.explain('production/web[Deployment]', 'production/api[Deployment]', 'TCP/8080')).toBe(model.explain('production/web[Deployment]', 'production/api[Deployment]', Port.parse('TCP/8080')));
  });
});
