// The report in a real browser: Debian's chromium, headless, driven by playwright-core.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../lib/analysis/analyse';
import { loadManifests } from '../../lib/analysis/manifests';
import { main } from '../../lib/cli/main';
import { GroupCell, ReportModel } from '../../lib/report/model';
import { groupText } from '../../lib/report/page/cells';
import { writeClusterList } from '../../bench/reach/cluster';
import { launchChromium } from '../support/chromium';

const ROOT = path.join(__dirname, '..', '..');
/** Screenshots and reports, kept for a look after the run (ignored by git). */
const ARTIFACTS = path.join(ROOT, 'test', '.artifacts', 'report');
const SHOP = ['apps/workloads', 'dist/kubernetes/shop'];
const DIFF = ['--diff', 'examples/diff/before.yaml', 'examples/diff/after.yaml', '--with', 'apps/workloads/platform.yaml', 'apps/workloads/shop.yaml'];

let browser: Awaited<ReturnType<typeof launchChromium>>;

async function report(args: string[], name: string, exitCode = 0): Promise<string> {
  const output = path.join(ARTIFACTS, name);
  const code = await main(['report', ...args, '-o', output], { out: () => undefined, err: () => undefined, cwd: ROOT });
  expect(code).toBe(exitCode);
  return output;
}

/** Opens a report and waits until every view is drawn; records console errors and every request. */
async function open(file: string, width = 1400): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#report[data-ready]', { timeout: 60_000 });
  return { page, problems, requests };
}

const cell = (page: Page, view: string, label: string) => page.locator(`#view-${view} [role=gridcell][aria-label^="${label}:"]`);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('the report in headless chromium', () => {
  it('shows the shop\'s matrices, explains a chosen pair as explain does, and loads nothing', async () => {
    const file = await report(SHOP, 'shop.html');
    const { page, problems, requests } = await open(file);
    // Every view is drawn from the snapshot `netpol report` embeds: the page evaluates only afterwards.
    const [ready, evaluated] = await page.evaluate(() => ['netpol-ready', 'netpol-evaluated'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? -1));
    expect(evaluated < 0 || evaluated > ready, `ready at ${ready} ms, evaluated at ${evaluated} ms`).toBe(true);

    // Namespaces: production reaches no sandbox pod; sandbox, under no policy, reaches users fully.
    await expect.poll(() => cell(page, 'namespaces', 'production → sandbox').getAttribute('class')).toBe('none');
    expect(await cell(page, 'namespaces', 'sandbox → users').getAttribute('class')).toBe('all');
    expect(await cell(page, 'namespaces', 'production → production').getAttribute('aria-label')).toContain('partly allowed: 3 of 20 pairs connected');
    await shot(page, 'namespaces');

    // Workloads: production opens into its workloads.
    await page.click('#tab-workloads');
    await page.click('#view-workloads [role=columnheader] button:text("▸ production")');
    const webToApi = cell(page, 'workloads', 'production/web[Deployment] → production/api[Deployment]');
    expect(await webToApi.getAttribute('aria-label')).toContain('partly allowed: TCP 8080');
    expect(await cell(page, 'workloads', 'production/web[Deployment] → production/postgres[StatefulSet]').getAttribute('aria-label')).toContain('denied: No Connections');

    // The explain panel: the page's own evaluation gives explain's answer.
    await webToApi.click();
    const model = new ReportModel([analyse(loadManifests(SHOP.map((given) => path.join(ROOT, given))))]);
    expect(await page.locator('#explain-text').textContent()).toBe(model.explain('production/web[Deployment]', 'production/api[Deployment]'));
    await page.fill('#explain-port', 'TCP/5432');
    await page.press('#explain-port', 'Enter');
    await expect.poll(() => page.locator('#explain-text').textContent()).toContain('TCP 5432');
    await shot(page, 'workloads');

    // Keyboard: Tab reaches one cell of the grid (the one clicked last), the arrows move from it.
    const place = () => page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      return [focused.getAttribute('role'), Number(focused.parentElement?.getAttribute('aria-rowindex')), Number(focused.getAttribute('aria-colindex'))];
    });
    expect(await page.locator('#view-workloads [role=gridcell][tabindex="0"]').count()).toBe(1);
    await page.locator('#view-workloads [role=gridcell][tabindex="0"]').focus();
    const [, row, column] = await place();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('production/web[Deployment] → production/api[Deployment]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await place()).toEqual(['gridcell', Number(row) + 1, Number(column) + 1]);
    expect(await page.locator('#view-workloads [role=gridcell][tabindex="0"]').count()).toBe(1);

    // The graph, laid out now that it is shown: the shop's 20-odd workloads, each namespace opened.
    await page.click('#tab-graph');
    await expect.poll(() => page.locator('#graph').getAttribute('data-layout')).toBe('polished');
    expect(await page.locator('#view-graph canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#view-graph').textContent()).toMatch(/\d+ nodes, [1-9]\d* edges/);
    await shot(page, 'graph');
    await page.click('#tab-protection');
    expect(await page.locator('#protection-list').textContent()).toContain('sandbox/experiments[Deployment]');
    await shot(page, 'protection');
    expect(await page.locator('#lint-findings').textContent()).toBe('No lint findings.');

    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 180_000);

  it('marks what a diff widened, with the count at the top', async () => {
    // The new version widens: exit 1, as netpol diff, with the file written.
    const file = await report(DIFF, 'diff.html', 1);
    const { page, problems, requests } = await open(file);
    expect(await page.locator('#diff-summary').textContent()).toContain('+4 pairs widened');
    expect(await cell(page, 'namespaces', 'production → production').getAttribute('class')).toBe('some added');
    await page.click('#tab-workloads');
    await page.click('#view-workloads [role=columnheader] button:text("▸ production")');
    expect(await page.locator('#view-workloads [role=gridcell].added').count()).toBe(4);
    expect(await cell(page, 'workloads', 'production/web[Deployment] → production/postgres[StatefulSet]').getAttribute('aria-label')).toContain('widened, was No Connections');
    await shot(page, 'diff');
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 180_000);

  it('lays the graph out when its view is first shown: a large one as a draft, then polished', async () => {
    // 90 pods in 10 namespaces under no policy: 100 nodes, above the draft's threshold of 80.
    const pods = Array.from({ length: 90 }, (_, index) => `apiVersion: v1\nkind: Pod\nmetadata: {name: pod-${index}, namespace: team-${index % 10}, labels: {app: a${index}}}\nspec: {containers: [{name: main, image: x}]}\n`);
    const input = path.join(ARTIFACTS, 'ninety-pods.yaml');
    fs.writeFileSync(input, pods.join('---\n'));
    const { page, problems } = await open(await report([input], 'ninety-pods.html'));
    // data-ready does not wait for the graph (docs/report.md): nothing is laid out until it is shown.
    expect(await page.locator('#graph').count()).toBe(0);
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { layouts: string[] }).layouts = []);
      new MutationObserver(() => {
        const layout = document.querySelector('#graph')?.getAttribute('data-layout');
        if (layout && seen[seen.length - 1] !== layout) seen.push(layout);
      }).observe(document.querySelector('#view-graph') as Node, { subtree: true, attributes: true, childList: true });
    });
    await page.click('#tab-graph');
    await expect.poll(() => page.locator('#graph').getAttribute('data-layout'), { timeout: 30_000 }).toBe('polished');
    expect(await page.evaluate(() => (window as unknown as { layouts: string[] }).layouts)).toEqual(['draft', 'polished']);
    expect(Number(/(\d+) nodes/.exec(await page.locator('#view-graph').textContent() as string)?.[1])).toBeGreaterThan(80);
    await shot(page, 'graph-polished');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a narrow window, and names what a partial read left out in a banner', async () => {
    const unread = path.join(ARTIFACTS, 'unread');
    fs.mkdirSync(unread, { recursive: true });
    fs.writeFileSync(path.join(unread, 'fancy.yaml'), 'apiVersion: example.io/v1\nkind: FancyNetworkPolicy\nmetadata: {name: fancy, namespace: production}\n');
    const { page, problems } = await open(await report([...SHOP, unread], 'narrow.html', 3), 420);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    expect(await page.locator('#partial').textContent()).toContain('kind example.io/v1/FancyNetworkPolicy');
    await shot(page, 'narrow');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});

/**
 * What a matrix shows, and what it holds. Shows: whether a cell is under every tenth pixel of the
 * edges and middle lines of its cells' area (a window drawn short shows blank there), whether its
 * headers cover their strips (sticky: they stay), whether the cells across the middle are those
 * of the column (row) header above (beside) them. Holds: whether its rows are in order, each with
 * the header row's columns in order, and every drawn cell as [row, column, aria-label] by its
 * aria-rowindex and aria-colindex.
 */
async function inView(page: Page, view: string): Promise<{ blank: string[]; headers: string[]; misaligned: string[]; disorderly: string[]; drawn: [number, number, string][]; fit: { rows: number; columns: number } }> {
  // Drawn on scroll in the next animation frame: two frames later it is there.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate((view) => {
    const scroller = document.querySelector(`#view-${view} .matrix-scroll`) as HTMLElement;
    const box = scroller.getBoundingClientRect();
    const top = (scroller.querySelector('.column-headers') as HTMLElement).getBoundingClientRect().bottom + 1;
    const left = (scroller.querySelector('[role=rowheader]') as HTMLElement).getBoundingClientRect().right + 1;
    const [right, bottom] = [box.left + scroller.clientWidth - 1, box.top + scroller.clientHeight - 1];
    const [middleX, middleY] = [(left + right) / 2, (top + bottom) / 2];
    const cellSize = (scroller.querySelector('[role=gridcell]') as HTMLElement).getBoundingClientRect().height;
    const along = (from: number, to: number) => Array.from({ length: Math.floor((to - from) / 10) + 1 }, (_, at) => from + at * 10);
    const under = (x: number, y: number, role: string) => document.elementFromPoint(x, y)?.closest(`[role=${role}]`) as HTMLElement | null | undefined;
    const lines = (xs: number[], ys: number[]) => [...xs.flatMap((x) => along(top, bottom).map((y) => [x, y])), ...ys.flatMap((y) => along(left, right).map((x) => [x, y]))];
    const missing = (points: number[][], role: string) => points.filter(([x, y]) => !under(x, y, role)).map(([x, y]) => `no ${role} at ${x},${y}`);
    const rowOf = (element: HTMLElement | null | undefined) => element?.parentElement?.getAttribute('aria-rowindex');
    const [rows, ...dataRows] = Array.from((scroller.firstElementChild as HTMLElement).children);
    const columnsOf = (row: Element) => Array.from(row.children).map((cell) => cell.getAttribute('aria-colindex')).filter((column) => column !== null).map(Number).join(' ');
    const headerColumns = columnsOf(rows);
    return {
      blank: missing(lines([left, middleX, right], [top, middleY, bottom]), 'gridcell'),
      headers: [...missing(along(top, bottom).map((y) => [box.left + 2, y]), 'rowheader'), ...missing(along(left, right).map((x) => [x, box.top + 2]), 'columnheader')],
      misaligned: [
        ...along(left, right).filter((x) => under(x, middleY, 'gridcell')?.getAttribute('aria-colindex') !== under(x, box.top + 2, 'columnheader')?.getAttribute('aria-colindex')).map((x) => `column at ${x}`),
        ...along(top, bottom).filter((y) => rowOf(under(middleX, y, 'gridcell')) !== rowOf(under(box.left + 2, y, 'rowheader'))).map((y) => `row at ${y}`),
      ],
      disorderly: [
        ...(/^1( \d+)*$/.test(headerColumns) && headerColumns.split(' ').every((column, at, all) => at < 2 || Number(column) === Number(all[at - 1]) + 1) ? [] : [`header row: ${headerColumns}`]),
        ...dataRows.filter((row, at) => columnsOf(row) !== headerColumns || (at > 0 && Number(row.getAttribute('aria-rowindex')) !== Number(dataRows[at - 1].getAttribute('aria-rowindex')) + 1)).map((row) => `row ${row.getAttribute('aria-rowindex')}`),
      ],
      drawn: Array.from(scroller.querySelectorAll('[role=gridcell]')).map((cell): [number, number, string] => [Number(cell.parentElement?.getAttribute('aria-rowindex')) - 2, Number(cell.getAttribute('aria-colindex')) - 2, cell.getAttribute('aria-label') as string]),
      // How many rows and columns the view can show at once, a part of one at each end.
      fit: { rows: Math.ceil(scroller.clientHeight / cellSize) + 1, columns: Math.ceil(scroller.clientWidth / cellSize) + 1 },
    };
  }, view);
}

/** Whether an element is in view: the point at its centre hits it. */
const seen = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector) as HTMLElement;
    const box = element.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === element;
  }, selector);

/** The cells that are not the pair their aria-rowindex and aria-colindex say. */
const misplaced = (cells: [number, number, string][], rows: readonly string[], columns: readonly string[]) =>
  cells.filter(([row, column, label]) => !label.startsWith(`${rows[row]} → ${columns[column]}: `) && label !== `${rows[row]} to ${columns[column]}: not applicable`);

const scrollTo = (page: Page, view: string, fraction: number) =>
  page.locator(`#view-${view} .matrix-scroll`).evaluate((scroller, at) => scroller.scrollTo(at * (scroller.scrollWidth - scroller.clientWidth), at * (scroller.scrollHeight - scroller.clientHeight)), fraction);

const cellsIn = (page: Page, view: string) => page.locator(`#view-${view} [role=gridcell]`).count();

describe('a 300-namespace report in headless chromium: the matrices draw what is in view', () => {
  let file: string;
  let model: ReportModel;
  let rows: string[];
  let columns: string[];
  /** What is in view and 10 rows and columns each side (lib/report/page/matrix.ts), and the focused cell's row and column. */
  const drawnAtMost = ({ fit }: { fit: { rows: number; columns: number } }) => (fit.rows + 2 * 10 + 1) * (fit.columns + 2 * 10 + 1);
  const drawnRight = ({ drawn, fit, ...shown }: Awaited<ReturnType<typeof inView>>, rowNames: readonly string[], columnNames: readonly string[]) => ({ ...shown, misplaced: misplaced(drawn, rowNames, columnNames) });
  const RIGHT = { blank: [], headers: [], misaligned: [], disorderly: [], misplaced: [] };

  beforeAll(async () => {
    // P3's diverse cluster, small: 900 pods in 300 namespaces, every pod its own class.
    const input = writeClusterList(ARTIFACTS, 'kubernetes', 900, 300, 'diverse');
    file = await report([input], 'large.html');
    model = new ReportModel([analyse(loadManifests([input]))]);
    rows = model.groups.filter((group) => model.endpointsOf(group, 'source').length > 0);
    columns = model.groups.filter((group) => model.endpointsOf(group, 'destination').length > 0);
  }, 60_000);

  it('tells the whole size, draws the cells in view and a margin, and selects a far cell', async () => {
    const { page, problems } = await open(file);
    const grid = page.locator('#view-namespaces [role=grid]');
    expect([await grid.getAttribute('aria-rowcount'), await grid.getAttribute('aria-colcount')]).toEqual([String(rows.length + 1), String(columns.length + 1)]);
    expect(rows.length * columns.length).toBeGreaterThan(80_000);
    // The hidden Workloads matrix draws nothing until it is shown.
    expect(await cellsIn(page, 'workloads')).toBe(0);
    const drawnRightAfter = async (move: string) => {
      const shown = await inView(page, 'namespaces');
      expect({ move, ...drawnRight(shown, rows, columns) }).toEqual({ move, ...RIGHT });
      expect(shown.drawn.length).toBeLessThanOrEqual(drawnAtMost(shown));
    };
    for (const fraction of [0, 0.5, 1]) {
      await scrollTo(page, 'namespaces', fraction);
      await drawnRightAfter(`to ${fraction}`);
    }
    // Moves shorter than the window: the rows and columns that enter are written, those that leave go.
    const scroller = page.locator('#view-namespaces .matrix-scroll');
    for (const [down, right] of [[-250, 0], [0, -250], [-300, -300], [250, 0], [0, 250], [-800, -800], [300, 300]]) {
      await scroller.evaluate((element, [top, left]) => element.scrollBy(left, top), [down, right]);
      await drawnRightAfter(`by ${down}, ${right}`);
    }
    await scrollTo(page, 'namespaces', 1);

    // The far corner: the last row's last cell that has pairs.
    const [row, column] = (await inView(page, 'namespaces')).drawn.filter(([at, , label]) => at === rows.length - 1 && !label.endsWith('not applicable')).sort((a, b) => b[1] - a[1])[0];
    const selector = `#view-namespaces [aria-rowindex="${row + 2}"] > [aria-colindex="${column + 2}"]`;
    expect(await seen(page, selector)).toBe(true);
    const far = page.locator(selector);
    const label = `${rows[row]} → ${columns[column]}: ${groupText(model.groupCells.get(rows[row])?.get(columns[column]) as GroupCell)}`;
    expect(await far.getAttribute('aria-label')).toBe(label);
    await far.hover();
    expect(await far.getAttribute('title')).toBe(label);
    await far.click();
    expect(await far.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#explain strong').textContent()).toBe(`${rows[row]} → ${columns[column]}`);

    // Scrolled back to the top, the roving focus (the one cell Tab reaches) follows into view; back
    // at the far corner, the chosen cell is drawn chosen again.
    await scrollTo(page, 'namespaces', 0);
    await drawnRightAfter('back to 0');
    expect(await page.locator('#view-namespaces [tabindex="0"]').count()).toBe(1);
    expect(await seen(page, '#view-namespaces [tabindex="0"]')).toBe(true);
    expect(await page.locator('#view-namespaces [aria-selected=true]').count()).toBe(0);
    await scrollTo(page, 'namespaces', 1);
    await drawnRightAfter('back to 1');
    expect(await page.locator('#view-namespaces [aria-selected=true]').getAttribute('aria-label')).toBe(label);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('moves the focus past the drawn window with the keyboard, into view', async () => {
    const { page, problems } = await open(file);
    const focused = () => page.evaluate(() => {
      const cell = document.activeElement as HTMLElement;
      return [cell.getAttribute('role'), Number(cell.parentElement?.getAttribute('aria-rowindex')) - 2, Number(cell.getAttribute('aria-colindex')) - 2];
    });
    const focusedRight = async (row: number, column: number) => {
      expect(await focused()).toEqual(['gridcell', row, column]);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(new RegExp(`^${escapeRegExp(rows[row])} (→|to) ${escapeRegExp(columns[column])}:`));
      expect(await seen(page, '#view-namespaces [tabindex="0"]')).toBe(true);
      expect(await page.locator('#view-namespaces [tabindex="0"]').count()).toBe(1);
      expect(drawnRight(await inView(page, 'namespaces'), rows, columns)).toEqual(RIGHT);
    };
    await page.locator('#view-namespaces [tabindex="0"]').focus();
    await page.keyboard.press('End');
    await focusedRight(0, columns.length - 1);
    // The window and its margin hold some 40 rows: 60 rows down is past it.
    for (let press = 0; press < 60; press++) await page.keyboard.press('ArrowDown');
    await focusedRight(60, columns.length - 1);
    await page.keyboard.press('Home');
    await focusedRight(60, 0);
    // The cell past the window is drawn and focused as the key is handled, not a frame later.
    expect(await page.evaluate(() => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      return Number(document.activeElement?.getAttribute('aria-colindex')) - 2;
    })).toBe(columns.length - 1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    expect(await page.locator('#explain strong').textContent()).toBe(`${rows[60]} → ${columns[0]}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws the Workloads matrix when shown, and opens its last namespace into workloads', async () => {
    const { page, problems } = await open(file);
    await page.click('#tab-workloads');
    await scrollTo(page, 'workloads', 1);
    const namespace = model.groups.filter((group) => model.endpointsOf(group, 'source').some((endpoint) => endpoint.kind === 'workload')).at(-1) as string;
    const opener = page.locator(`#view-workloads [role=rowheader] button[data-group="${namespace}"]`);
    expect(await opener.getAttribute('aria-expanded')).toBe('false');
    await opener.click();
    // The namespace's row and column are its workloads' now.
    const opened = (side: 'source' | 'destination', groups: string[]) => groups.flatMap((group) => (group === namespace ? model.endpointsOf(group, side).map((endpoint) => endpoint.name) : [group]));
    const [workloadRows, workloadColumns] = [opened('source', rows), opened('destination', columns)];
    const grid = page.locator('#view-workloads [role=grid]');
    expect([await grid.getAttribute('aria-rowcount'), await grid.getAttribute('aria-colcount')]).toEqual([String(workloadRows.length + 1), String(workloadColumns.length + 1)]);
    await scrollTo(page, 'workloads', 1);
    const shown = await inView(page, 'workloads');
    expect(drawnRight(shown, workloadRows, workloadColumns)).toEqual(RIGHT);
    expect(shown.drawn.length).toBeLessThanOrEqual(drawnAtMost(shown));

    // A pair of the opened namespace's workloads explains as explain does.
    const [source, destination] = [model.endpointsOf(namespace, 'source')[0].name, model.endpointsOf(namespace, 'destination').at(-1)?.name as string];
    await page.click(`#view-workloads [aria-label^="${source} → ${destination}:"]`);
    expect(await page.locator('#explain-text').textContent()).toBe(model.explain(source, destination));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
