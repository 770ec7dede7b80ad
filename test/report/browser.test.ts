// The report in a real browser: Debian's chromium, headless, driven by playwright-core.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../lib/analysis/analyse';
import { loadManifests } from '../../lib/analysis/manifests';
import { main } from '../../lib/cli/main';
import { ReportModel } from '../../lib/report/model';
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
