/**
 * `npm run screenshot:review`: the README's review-page screenshot from the demo data. Runs the demo
 * (bundled sample corpus and catalog) on the configured Neo4j, serves the app on a free loopback port,
 * signs in with a fresh reviewer key in the system Chromium, opens the best suggestion of one product
 * with its raw features unfolded, and writes docs/review-page.png. Set NEO4J_HOME/NEO4J_PORT (or
 * NEO4J_URI) to keep it off your working graph; the key it creates is revoked at the end.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openAppContext } from '../api/composition-root.ts';
import { loadConfig } from '../api/config.ts';
import { runDemo } from '../api/demo.ts';
import { startServer } from '../api/server.ts';
import { createServices } from '../api/services.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(repoRoot, 'docs', 'review-page.png');
/** The product shown by default: APEL, whose best demo suggestion rests on direct and analogue passages. */
const productId = process.argv[2] ?? 'product:apel';
const chromiumPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

async function main(): Promise<void> {
  const config = loadConfig();
  await runDemo(config, (line) => console.log(line));
  const server = await startServer(config, { port: 0, services: createServices, handleSignals: false });
  const context = await openAppContext(config);
  const keys = context.apiKeys;
  const created = await keys.createKey({ role: 'reviewer', name: 'review-page screenshot' });
  const executablePath = chromiumPaths.find((candidate) => existsSync(candidate));
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/review`);
    await page.locator('#api-key').fill(created.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#workspace').waitFor({ state: 'visible' });
    await page.locator('#product').selectOption(productId);
    const first = page.locator('#suggestions tbody tr').first();
    // The first list of a served product computes its suggestions: slow on a busy machine.
    await first.waitFor({ timeout: 300_000 });
    await first.focus();
    await page.keyboard.press('Enter');
    await page.locator('#detail').waitFor({ state: 'visible' });
    await page.locator('#citations .citation').first().waitFor({ timeout: 60_000 });
    await page.locator('#raw-components summary').click();
    await page.locator('#provenance dt').first().waitFor();
    await page.screenshot({ path: output, fullPage: true });
    console.log(`wrote ${path.relative(repoRoot, output)} (${productId})`);
  } finally {
    await browser.close();
    await keys.revokeKey(created.apiKey.id).catch(() => undefined);
    await context.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
