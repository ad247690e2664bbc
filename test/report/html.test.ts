import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { writeHtmlReport } from '../../src/report/html.ts';
import { LANE_ORDER } from '../../src/report/svg/lanes.ts';
import type { RunResult } from '../../src/scenario/result.ts';
import { launchChromium } from './support/chromium.ts';
import { imageBumpResult, sampleRun } from './support/image-bump.ts';
import { nodeFailureResult } from './support/node-failure.ts';

// The test's tsconfig has no DOM lib; this runs inside the page.
declare const getComputedStyle: (el: unknown) => { fill: string; opacity: string; visibility: string };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

test('the report renders in Chromium: a lane per component, visible key events, the failed expectation, no network', async (t) => {
  t.timeout(90_000);
  const dir = await mkdtemp(join(tmpdir(), 'report-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const run = sampleRun();
  const file = await writeHtmlReport(join(dir, 'report'), run);
  t.is(file, join(dir, 'report', 'index.html'));

  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url);

  const section = page.locator('section.scenario[data-scenario="image-bump"]');
  const svg = section.locator('svg.swimlane');
  const svgBox = (await svg.boundingBox())!;
  t.truthy(svgBox);
  t.true(svgBox.width > 600 && svgBox.height > 200, JSON.stringify(svgBox));

  // One lane per component present, in lane order, and nothing else.
  const present = new Set(imageBumpResult().timeline.map((e) => e.component));
  const expectedLanes = LANE_ORDER.filter((c) => present.has(c));
  const lanes = await svg.locator('g.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-component')));
  t.deepEqual(lanes, expectedLanes);
  t.true(expectedLanes.length >= 9);

  // Key events are drawn as visible boxes inside their lane, in time order along the axis.
  const keyMarks = {
    push: svg.locator('g.lane[data-component="scenario"] rect.mark[data-type="action"]'),
    gitPush: svg.locator('g.lane[data-component="git"] rect.mark[data-type="push"]'),
    synced: svg.locator(
      'g.lane[data-component="application"] rect.mark[data-type="sync-status"][data-status="Synced"]',
    ),
    healthy: svg.locator('g.lane[data-component="application"] rect.mark[data-type="health"][data-status="Healthy"]'),
  };
  const boxes: Record<string, Box> = {};
  for (const [name, mark] of Object.entries(keyMarks)) {
    t.is(await mark.count(), 1, name);
    t.true(await mark.isVisible(), `${name} is visible`);
    const box = (await mark.boundingBox())!;
    t.true(box.width > 0 && box.height > 0, `${name} has a size: ${JSON.stringify(box)}`);
    t.true(inside(box, svgBox), `${name} is inside the SVG`);
    const laneBox = (await mark.locator('xpath=ancestor::*[@class="lane"][1]/*[@class="lane-bg"]').boundingBox())!;
    t.true(inside(box, laneBox), `${name} is inside its lane`);
    const style = await mark.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fill: s.fill, opacity: s.opacity, visibility: s.visibility };
    });
    t.not(style.fill, 'none');
    t.not(style.opacity, '0');
    t.is(style.visibility, 'visible');
    boxes[name] = box;
  }
  t.true(boxes['push']!.x < boxes['gitPush']!.x);
  t.true(boxes['gitPush']!.x < boxes['synced']!.x);
  t.true(boxes['synced']!.x < boxes['healthy']!.x);
  // Hover text names the event.
  t.regex(
    (await keyMarks.synced.locator('title').textContent()) ?? '',
    /^\+3\.5s sync-status argocd\/letsgo-dev: Synced/,
  );
  // Labels for key events are rendered text.
  const labels = await svg.locator('g.lane[data-component="application"] text.label').allTextContents();
  t.true(labels.includes('Synced') && labels.includes('Healthy'), labels.join(','));

  // State bands: the application is drawn Healthy at the end, the probe failure is a red band.
  const healthyBand = svg.locator('rect.band[data-band="health"][data-state="Healthy"]');
  t.true((await healthyBand.boundingBox())!.width > 0);
  const failing = svg.locator('g.lane[data-component="probe"] rect.band[data-band="failing"]');
  t.true((await failing.boundingBox())!.width > 0);

  // The failed expectation: in the list with its message and slice, and as a red bracket in the chart.
  const failed = section.locator('li.expectation.failed');
  t.is(await failed.count(), 1);
  t.true(await failed.isVisible());
  const failedText = (await failed.innerText()).replace(/\s+/g, ' ');
  t.regex(failedText, /✗ ?probe dev\/letsgo never fails during the rollout/);
  t.regex(failedText, /connection refused \(1 failure, recovered at \+7\.2s\)/);
  t.regex(failedText, /\+6\.8s probe dev\/letsgo connection refused/);
  const bracket = svg.locator('g.expectation[data-passed="false"] path.bracket');
  const bracketBox = (await bracket.boundingBox())!;
  t.true(bracketBox.width > 0 && inside(bracketBox, svgBox));
  t.is(await section.locator('.verdict').innerText(), '✗ failed');
  t.is(await page.locator('section.scenario[data-scenario="drift-self-heal"] .verdict').innerText(), '✓ passed');

  // The text fallback has every event.
  t.is(await section.locator('details.timeline-table tbody tr').count(), imageBumpResult().timeline.length);

  const shot = join(dir, 'report.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.true((await stat(shot)).size > 10_000);
  t.deepEqual([...(await readFile(shot)).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  t.deepEqual(requests, [], 'the page loads nothing');
});

test('the page is standalone and escapes what it shows', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const bump = imageBumpResult({ title: '<script>alert(1)</script> & "quotes"' });
  bump.timeline[4]!.message = '<img src=x onerror=alert(1)>';
  const run: RunResult = { scenarios: [bump], passed: false };
  const html = await readFile(await writeHtmlReport(dir, run), 'utf8');
  t.false(/<script/i.test(html));
  t.false(html.includes('<img'));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"'));
  t.true(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  t.false(/\b(src|href)="(https?:)?\/\//.test(html), 'no external resources');
  t.false(/@import|url\(/.test(html));
  t.regex(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('a scenario without events or expectations still renders, with no chart', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const empty = imageBumpResult({ timeline: [], expectations: [], steps: [], error: 'set-up failed: no registry' });
  const html = await readFile(await writeHtmlReport(dir, { scenarios: [empty], passed: false }), 'utf8');
  t.false(html.includes('<svg'));
  t.true(html.includes('No events were recorded.'));
  t.true(html.includes('error: set-up failed: no registry'));
  t.true(html.includes('1 of 1 scenarios failed'));
});

test('a node failure shows NotReady, no endpoints and the probe failures as red bands over minutes', async (t) => {
  t.timeout(90_000);
  const dir = await mkdtemp(join(tmpdir(), 'report-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = await writeHtmlReport(dir, { scenarios: [nodeFailureResult()], passed: false });
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(pathToFileURL(file).href);
  const svg = page.locator('svg.swimlane');
  t.deepEqual(await svg.locator('g.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-component'))), [
    'scenario',
    'application',
    'pod',
    'node',
    'service',
    'probe',
  ]);
  const ticks = await svg.locator('g.axis text').allTextContents();
  t.true(ticks.includes('1m') && ticks.includes('6m'), ticks.join(' '));

  const red = 'rgb(217, 63, 63)';
  const bands = {
    notReady: svg.locator('g.lane[data-component="node"] rect.band[data-state="NotReady (Unknown)"]'),
    noEndpoints: svg.locator('g.lane[data-component="service"] rect.band[data-state="no ready endpoints"]'),
    failing: svg.locator('g.lane[data-component="probe"] rect.band[data-band="failing"]'),
    degraded: svg.locator('g.lane[data-component="application"] rect.band[data-state="Degraded"]'),
  };
  const widths: Record<string, number> = {};
  for (const [name, band] of Object.entries(bands)) {
    t.is(await band.count(), 1, name);
    const box = (await band.boundingBox())!;
    t.true(box.width > 100 && box.height > 0, `${name}: ${JSON.stringify(box)}`);
    t.is(await band.evaluate((el) => getComputedStyle(el).fill), red, name);
    widths[name] = box.width;
  }
  // NotReady lasts 320 s, no endpoints 291 s: the drawn widths keep that ratio.
  t.true(Math.abs(widths['noEndpoints']! / widths['notReady']! - 291.2 / 320) < 0.02);
  t.true(
    (await page.locator('li.expectation.failed').innerText()).includes('no ready endpoint from +53.0s to +344.2s'),
  );
  await page.screenshot({ path: join(dir, 'node-failure.png'), fullPage: true });
  t.true((await stat(join(dir, 'node-failure.png'))).size > 10_000);
});
