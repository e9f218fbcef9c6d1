import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../support/chromium.ts';
import { repoRoot } from '../support/paths.ts';
import {
  type ReviewFixture,
  type ReviewTestApp,
  seedReviewFixture,
  startReviewTestApp,
} from './review-fixtures.ts';

/** Debian's /usr/bin/chromium by default; CHROMIUM_PATH points elsewhere (checked before any test runs). */
const chromiumPath = chromiumExecutable();
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type PlaywrightCore = typeof import('playwright-core');
type BrowserContext = import('playwright-core').BrowserContext;
type Page = import('playwright-core').Page;

/** Fails (never skips) with the fix when the browser tooling is missing. */
async function loadPlaywright(): Promise<PlaywrightCore> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new Error(
      'playwright-core is not installed: add it with npm install -D -E playwright-core@1.64.1 ' +
        `(never run npx playwright install; the test drives ${chromiumPath})`,
      { cause: error },
    );
  }
}

describe('the review page in Chromium', () => {
  let testApp: ReviewTestApp;
  let fixture: ReviewFixture;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let reviewerKey: string;
  let researcherKey: string;
  const problems: string[] = [];

  const suggestionOf = (name: string) => {
    const found = fixture.suggestions.find((suggestion) => suggestion.applicationId === fixture.app(name));
    if (!found) throw new Error(`no suggestion for ${name}`);
    return found;
  };
  const row = (id: string) => page.locator(`#suggestions tbody tr[data-id="${id}"]`);

  async function signIn(key: string): Promise<void> {
    await page.locator('#api-key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#workspace').waitFor({ state: 'visible' });
    await page.locator('#product').selectOption(fixture.product.id);
    await row(suggestionOf('syringes').id).waitFor();
  }

  async function openWithKeyboard(id: string): Promise<void> {
    // A list refresh that lands between focus and Enter replaces the row; press Enter on the new one.
    await expect
      .poll(
        async () => {
          const opened = async () =>
            (await page.locator('#detail').isVisible()) &&
            new URLSearchParams(new URL(page.url()).hash.slice(1)).get('suggestion') === id;
          if (await opened()) return true;
          await row(id).focus();
          await page.keyboard.press('Enter');
          return opened();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await expect.poll(() => page.locator('#citations mark').count()).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    const playwright = await loadPlaywright();
    testApp = await startReviewTestApp();
    fixture = await seedReviewFixture(testApp);
    reviewerKey = await testApp.keyFor('reviewer');
    researcherKey = await testApp.keyFor('researcher');
    userDataDir = await mkdtemp(path.join(tmpdir(), 'matscout-review-chromium-'));
    context = await playwright.chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumFlags,
      acceptDownloads: true,
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[13]/.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith(testApp.url) && !request.url().startsWith('blob:')) {
        problems.push(`external request: ${request.url()}`);
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await testApp?.close();
  });

  it("serves the script's modules as JavaScript under the page's policy, and nothing else from that path", async () => {
    const served = await fetch(`${testApp.url}/review/modules/api-client.js`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(served.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await served.text()).toContain('export async function api(');
    for (const name of [
      'nope.js',
      '..%2F..%2Fconfig.ts',
      '%2e%2e%2freview.js',
      '..%2Freview-page%2Freview.css',
    ]) {
      const refused = await fetch(`${testApp.url}/review/modules/${name}`);
      expect(refused.status, name).toBe(404);
      expect(refused.headers.get('content-type'), name).toMatch(/^application\/json/);
    }
  });

  it('signs in, opens a suggestion with highlighted evidence, and accepts it; the status survives a reload', async () => {
    await page.goto(`${testApp.url}/review`);
    await signIn(reviewerKey);
    const syringes = suggestionOf('syringes');
    await openWithKeyboard(syringes.id);
    await expect.poll(() => page.locator('#detail-heading').textContent()).toContain('syringes');
    const quote = syringes.citations[0]?.quote ?? '';
    expect(await page.locator('#citations mark').first().textContent()).toBe(quote);
    // The quote is marked inside its passage, not shown alone.
    const passage = (await page.locator('#citations .passage').first().textContent()) ?? '';
    expect(passage.length).toBeGreaterThan(quote.length);
    expect(passage).toContain('Demand for clear');
    // The score in five plain-words groups plus the base rate; the raw features only behind the toggle.
    const groupsLabel = (await page.locator('#score-groups-chart svg').getAttribute('aria-label')) ?? '';
    for (const group of ['base rate', 'evidence', 'analogy', 'property fit', 'momentum', 'market'])
      expect(groupsLabel).toContain(group);
    const parts = [...groupsLabel.matchAll(/ (-?\d+\.\d+)/g)].map((match) => Number(match[1]));
    expect(parts).toHaveLength(6);
    expect(parts.reduce((sum, value) => sum + value, 0)).toBeCloseTo(syringes.score, 2);
    expect(await page.locator('#components-chart').isVisible()).toBe(false);
    await page.locator('#raw-components summary').click();
    expect(await page.locator('#components-chart').isVisible()).toBe(true);
    expect(await page.locator('#components-chart svg rect.bar').count()).toBeGreaterThan(0);
    // Confidence in the summary and in the row; every citation shows its role.
    expect(syringes.confidence).toMatch(/^(high|medium|low)$/);
    expect(await page.locator('#detail-summary .confidence').textContent()).toBe(
      `${syringes.confidence} confidence`,
    );
    expect(await row(syringes.id).locator('.confidence').textContent()).toBe(syringes.confidence);
    expect(await page.locator('#citations .role').allTextContents()).toEqual(
      syringes.citations.map((citation) => citation.role),
    );
    expect(syringes.citations.map((citation) => citation.role)).toContain('direct');
    // The candidates the ranking held back are counted under the list, per reason.
    const heldBack = await testApp.suggestionStore.heldBack(fixture.product.id);
    expect(heldBack?.total).toBeGreaterThan(0);
    const heldBackText = (await page.locator('#held-back').textContent()) ?? '';
    expect(heldBackText).toContain(`${heldBack?.total} candidate(s) held back`);
    for (const { reason, count } of heldBack?.reasons ?? [])
      expect(heldBackText).toContain(`${count} × ${reason}`);
    expect(await page.locator('#citations .citation-meta').first().textContent()).toMatch(
      /Patent US\d+B2|Example Plastics News/,
    );
    await expect.poll(() => page.locator('#provenance').textContent()).toContain(fixture.runId);

    await page.locator('#review-comment').fill('Pursue with the medical BU, see [1].');
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.locator('#review-message').textContent()).toContain('is now accepted');
    expect(await row(syringes.id).locator('.badge.status').textContent()).toBe('accepted');
    // The README's screenshot comes from the demo data (npm run screenshot:review); this one is test output.
    await mkdir(path.join(repoRoot, '.data', 'test-output'), { recursive: true });
    await page.screenshot({
      path: path.join(repoRoot, '.data', 'test-output', 'review-page.png'),
      fullPage: true,
    });

    await page.reload();
    await row(syringes.id).waitFor();
    expect(await row(syringes.id).locator('.badge.status').textContent()).toBe('accepted');
    // The hash kept the open suggestion; its history shows the review.
    await expect
      .poll(() => page.locator('#history').textContent())
      .toContain('Pursue with the medical BU, see [1].');
    expect((await testApp.suggestionStore.getSuggestion(syringes.id))?.status).toBe('accepted');
  });

  it('rejects another suggestion and exports the shown list as CSV', async () => {
    const vials = suggestionOf('vials');
    await openWithKeyboard(vials.id);
    await page.locator('#review-comment').fill('Not our market');
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => row(vials.id).locator('.badge.status').textContent()).toBe('rejected');
    await expect
      .poll(async () => (await testApp.suggestionStore.getSuggestion(vials.id))?.status)
      .toBe('rejected');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^matscout-suggestions-.+\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('rank,application,application_id,score,status,top_evidence,document,suggestion_id');
    expect(lines).toHaveLength(fixture.suggestions.length + 1);
    expect(csv).toContain(`,accepted,`);
    expect(csv).toContain(`,rejected,`);
    expect(csv).toContain(vials.id);

    // A minimum score above every score leaves nothing to show.
    await page.locator('#min-score').fill('1000');
    await expect.poll(() => page.locator('#suggestions tbody tr').count()).toBe(0);
    await page.locator('#min-score').fill('');
    await expect.poll(() => page.locator('#suggestions tbody tr').count()).toBe(fixture.suggestions.length);

    // Quoting: commas, quotes, line breaks, and text a spreadsheet would run as a formula.
    const tricky = {
      rank: 1,
      id: 's1',
      applicationId: 'application:x',
      applicationName: 'Lids, "clear"',
      score: 0.5,
      status: 'new',
      citations: [{ quote: 'line one\nline two', title: '=HYPERLINK("x")' }],
    };
    // A string, so the test runner does not rewrite the page's dynamic import.
    const quoted: string = await page.evaluate(
      `import('/review/review.js').then((module) => module.toCsv([${JSON.stringify(tricky)}]))`,
    );
    expect(quoted.split('\r\n')[1]).toBe(
      '1,"Lids, ""clear""",application:x,0.5,new,"line one\nline two","\'=HYPERLINK(""x"")",s1',
    );
  });

  it('holds the decision buttons while another suggestion loads, so a click never reviews the one still shown', async () => {
    const vials = suggestionOf('vials');
    const microfluidics = suggestionOf('microfluidics');
    await openWithKeyboard(vials.id);
    // The next suggestion's detail is held back, as on a slow connection; the panel still shows vials.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const detailPath = `/v1/suggestions/${encodeURIComponent(microfluidics.id)}`;
    await page.route(
      (url) => url.pathname === detailPath,
      async (route) => {
        await held;
        await route.continue();
      },
    );
    try {
      await row(microfluidics.id).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).hash).toContain(encodeURIComponent(microfluidics.id));
      const accept = page.getByRole('button', { name: 'Accept' });
      expect(await accept.isDisabled()).toBe(true);
      // Forced: a disabled button ignores it, an enabled one would have accepted vials.
      await accept.click({ force: true });
      release();
      await expect.poll(() => page.locator('#detail-heading').textContent()).toContain('microfluidics');
      await expect.poll(() => accept.isDisabled()).toBe(false);
    } finally {
      release();
      await page.unroute((url) => url.pathname === detailPath);
    }
    expect((await testApp.suggestionStore.getSuggestion(vials.id))?.status).toBe('rejected');
    expect((await testApp.suggestionStore.getSuggestion(microfluidics.id))?.status).toBe('new');
  });

  it('tells a researcher that reviewing needs the reviewer role, and asks to sign in again on 401', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(researcherKey);
    const microfluidics = suggestionOf('microfluidics');
    await openWithKeyboard(microfluidics.id);
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect
      .poll(() => page.locator('#review-message').textContent())
      .toBe('Your key has the researcher role; reviewing needs the reviewer role.');
    expect((await testApp.suggestionStore.getSuggestion(microfluidics.id))?.status).toBe('new');

    // A well-formed key that no store knows: the API answers 401.
    const unknownKey = 'msk_000000000000_unknownunknownunknownunknownunknownunknown12';
    await page.evaluate(`sessionStorage.setItem('matscout.apiKey', ${JSON.stringify(unknownKey)})`);
    await page.reload();
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#alert').textContent()).toContain('Please sign in again');
    expect(problems).toEqual([]);
  });
});
