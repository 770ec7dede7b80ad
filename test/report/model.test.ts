import fc from 'fast-check';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { analyse, Analysed } from '../../lib/analysis/analyse';
import { diffReachability, widens } from '../../lib/analysis/diff';
import { explain, explanationText } from '../../lib/analysis/explain';
import { verdictText } from '../../lib/analysis/format';
import { loadManifests } from '../../lib/analysis/manifests';
import { Port } from '../../lib/model/port';
import { ReportModel } from '../../lib/report/model';
import { reach } from '../../lib/analysis/reach';
import { CAPABILITIES } from '../../lib/dialects/capabilities';
import { PolicyIntent } from '../../lib/model/intent';
import { fixtureWorkloads } from '../../lib/testing';
import { clusterArbitrary, intentsArbitrary } from '../support/no-widening';

const root = path.join(__dirname, '..', '..');
const load = (...paths: string[]) => loadManifests(paths.map((given) => path.join(root, given)));
const SHOP = ['apps/workloads', 'dist/kubernetes/shop'];

describe('the data the report page is built from', () => {
  const analysed = analyse(load(...SHOP));
  const model = new ReportModel([analysed]);
  const endpoint = (name: string) => {
    const found = model.endpoint(name);
    if (!found) throw new Error(`no endpoint ${name}`);
    return found;
  };

  it('gives every pair the answer reach gives: the connected pairs and their connections are exactly reach\'s list', () => {
    const fromReach = [...analysed.reachability.connections()].map(({ source, destination, verdict }) => `${source.name} => ${destination.name} : ${verdictText(verdict)}`);
    const fromModel = model.sources.flatMap((source) =>
      model.destinations.flatMap((destination) => {
        const cell = model.cell(source, destination);
        return cell && cell.level !== 'none' ? [`${source.name} => ${destination.name} : ${cell.text}`] : [];
      }),
    );
    expect(fromModel.sort()).toEqual(fromReach.sort());
    expect(fromReach.length).toBeGreaterThan(20);
  });

  it('marks the shop\'s pairs allowed on some ports, all, or denied', () => {
    expect(model.cell(endpoint('production/web[Deployment]'), endpoint('production/api[Deployment]'))).toEqual({ level: 'some', text: 'TCP 8080' });
    expect(model.cell(endpoint('production/api[Deployment]'), endpoint('production/postgres[StatefulSet]'))).toEqual({ level: 'some', text: 'TCP 5432' });
    expect(model.cell(endpoint('production/web[Deployment]'), endpoint('production/postgres[StatefulSet]'))).toEqual({ level: 'none', text: 'No Connections' });
    expect(model.cell(endpoint('sandbox/experiments[Deployment]'), endpoint('users/users-db[StatefulSet]'))?.level).toBe('all');
    expect(model.cell(endpoint('production/web[Deployment]'), endpoint('production/web[Deployment]'))).toBeUndefined();
  });

  it('counts each namespace pair\'s pairs as reach lists them', () => {
    const connected = new Map<string, number>();
    for (const { source, destination } of analysed.reachability.connections()) {
      const key = `${model.groupOf(source)} ${model.groupOf(destination)}`;
      connected.set(key, (connected.get(key) ?? 0) + 1);
    }
    for (const [from, row] of model.groupCells) {
      for (const [to, cell] of row) expect(cell.connected, `${from} -> ${to}`).toBe(connected.get(`${from} ${to}`) ?? 0);
    }
    // production reaches sandbox not at all; sandbox (no policies) reaches the rest of the platform fully.
    expect(model.groupCells.get('production')?.get('sandbox')?.level).toBe('none');
    expect(model.groupCells.get('production')?.get('production')).toMatchObject({ level: 'some', pairs: 20, connected: 3 });
    expect(model.groupCells.get('sandbox')?.get('users')?.level).toBe('all');
  });

  it('aggregates any sets of endpoints as the namespace cells do', () => {
    const production = (side: 'source' | 'destination') => model.endpointsOf('production', side);
    expect(model.combined(production('source'), production('destination'))).toEqual(model.groupCells.get('production')?.get('production'));
  });

  it('explains a pair with explain\'s own answer, for every connection or one port', () => {
    const [web, api] = [endpoint('production/web[Deployment]'), endpoint('production/api[Deployment]')];
    expect(model.explain(web.name, api.name)).toBe(explanationText(explain(analysed.reachability, web, api)));
    expect(model.explain(web.name, api.name, Port.parse('TCP/8080'))).toBe(explanationText(explain(analysed.reachability, web, api, Port.parse('TCP/8080'))));
    expect(model.explain(web.name, api.name)).toContain('production/api');
  });

  it('lists the workloads no policy protects and those nothing gets to', () => {
    const protection = new Map(model.protection().map((row) => [row.name, row]));
    expect(protection.get('sandbox/experiments[Deployment]')).toEqual({ name: 'sandbox/experiments[Deployment]', ingress: 'unprotected', egress: 'unprotected' });
    // The nightly report may reach DNS only, and nothing may reach it.
    expect(protection.get('production/nightly-report[CronJob]')).toMatchObject({ ingress: 'isolated', egress: 'restricted' });
    expect(protection.has('production/api[Deployment]')).toBe(false);
  });
});

describe('the report of a diff', () => {
  const shared = load('apps/workloads/platform.yaml', 'apps/workloads/shop.yaml');
  const [before, after] = ['examples/diff/before.yaml', 'examples/diff/after.yaml'].map((file) => analyse([...load(file), ...shared]));
  const model = new ReportModel([before, after]);

  it('marks the pairs netpol diff reports: widened as added, narrowed as removed, with the counts at the top', () => {
    const changes = diffReachability(before.reachability, after.reachability);
    const marked = model.sources.flatMap((source) => model.destinations.flatMap((destination) => {
      const cell = model.cell(source, destination);
      return cell?.change ? [`${source.name} => ${destination.name}`] : [];
    }));
    expect(marked.sort()).toEqual(changes.map((change) => `${change.source.name} => ${change.destination.name}`).sort());
    expect(model.changeCounts()).toEqual({ added: changes.filter((change) => change.widening).length, removed: changes.filter((change) => widens(change.after, change.before)).length });
    expect(model.changeCounts().added).toBe(4);
    const api = model.cell(model.endpoint('production/api[Deployment]')!, model.endpoint('production/postgres[StatefulSet]')!);
    expect(api).toEqual({ level: 'all', text: 'All Connections', before: 'TCP 5432', change: 'added' });
  });

  it('marks narrowed pairs as removed when the new version allows less', () => {
    const reversed = new ReportModel([after, before]);
    expect(reversed.changeCounts()).toEqual({ added: 0, removed: 4 });
    const web = reversed.cell(reversed.endpoint('production/web[Deployment]')!, reversed.endpoint('production/postgres[StatefulSet]')!);
    expect(web).toEqual({ level: 'none', text: 'No Connections', before: 'All Connections', change: 'removed' });
  });

  it('explains a pair in both versions', () => {
    const text = model.explain('production/web[Deployment]', 'production/postgres[StatefulSet]');
    expect(text).toMatch(/^Old version:\n/);
    expect(text).toContain('\n\nNew version:\n');
  });
});

describe('the namespace cells', () => {
  // The model reads only each version's reachability.
  const version = (intents: Parameters<typeof reach>[0], workloads: Parameters<typeof reach>[1]) => ({ reachability: reach(intents, workloads) }) as Analysed;
  // Every namespace cell, as the aggregation makes it and as combined() makes it from each pair's own cell.
  const cellsBothWays = (model: ReportModel) =>
    [...model.groupCells].flatMap(([from, row]) => [...row].map(([to, cell]) => ({ aggregated: cell, pairByPair: model.combined(model.endpointsOf(from, 'source'), model.endpointsOf(to, 'destination')), where: `${from} -> ${to}` })));

  it('count a block the new version allows that only the old one names, for a source whose egress opens to few destinations', () => {
    // The old version lets `a/s` reach every address but 10.0.0.0/8 and so names that block; the
    // new one allows every address and names only 0.0.0.0/0: the block is evaluated, not looked up.
    const pods = Object.fromEntries(['a/s', 'b/b1', 'b/b2', 'b/b3'].map((id) => [id, { labels: { app: id.split('/')[1] } }]));
    const workloads = fixtureWorkloads({ pods });
    const intents = (except?: string[]): PolicyIntent[] => [
      { name: 'out', scope: { namespace: 'a' }, subject: { pods: { matchLabels: { app: 's' } } }, isolate: ['egress'], rules: [{ direction: 'egress', action: 'allow', peers: [{ kind: 'cidr', cidr: '0.0.0.0/0', ...(except && { except }) }], ports: [] }] },
      ...['b1', 'b2', 'b3'].map((app): PolicyIntent => ({ name: `in-${app}`, scope: { namespace: 'b' }, subject: { pods: { matchLabels: { app } } }, isolate: ['ingress'], rules: [] })),
    ];
    const model = new ReportModel([version(intents(['10.0.0.0/8']), workloads), version(intents(), workloads)]);
    const block = model.groupCells.get('a')?.get('10.0.0.0-10.255.255.255[External]');
    expect(block).toEqual({ level: 'all', pairs: 1, connected: 1, added: 1, removed: 0 });
    for (const { aggregated, pairByPair, where } of cellsBothWays(model)) expect(aggregated, where).toEqual(pairByPair);
  });

  it('are what their pairs add up to, for one version and for a diff, with the same workloads or others (property)', () => {
    fc.assert(
      // Two generated clusters share some workload names (`<namespace>/w<n>`), not all: a diff where workloads come and go.
      fc.property(clusterArbitrary, clusterArbitrary, intentsArbitrary(CAPABILITIES.cilium), intentsArbitrary(CAPABILITIES.cilium), (workloads, others, before, after) => {
        const models = [[version(after, workloads)], [version(before, workloads), version(after, workloads)], [version(before, workloads), version(after, others)]].map((versions) => new ReportModel(versions));
        for (const model of models) {
          for (const { aggregated, pairByPair, where } of cellsBothWays(model)) expect(aggregated, where).toEqual(pairByPair);
        }
      }),
      { numRuns: 150 },
    );
  });
});
