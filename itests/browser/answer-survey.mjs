// Opens a survey invitation link in headless Chromium, answers every scale with its highest value (or the value
// given for its question), sends the form and prints the heading of the page that follows (the thank-you page).
// Usage: node answer-survey.mjs <invitation url> [question=value ...]
// The browser is the system's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); Playwright never
// downloads one of its own.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[2];
const chosen = Object.fromEntries(process.argv.slice(3).map((a) => a.split('=')));
if (!url) {
  console.error('usage: node answer-survey.mjs <invitation url>');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'survey-chromium-'));

let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 }, // a phone
    timeout: 60000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30000);
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) {
    throw new Error(`the invitation page answered ${response && response.status()}`);
  }
  // Each scale is a fieldset of radio buttons: pick the last (highest) option, by its label, like a person would.
  const fieldsets = page.locator('fieldset');
  const count = await fieldsets.count();
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const name = await fieldset.locator('input[type=radio]').first().getAttribute('name');
    if (name in chosen) {
      // The label of the chosen value, as a person clicks it.
      const id = await fieldset.locator(`input[type=radio][value="${chosen[name]}"]`).getAttribute('id');
      await page.locator(`label[for="${id}"]`).click();
      continue;
    }
    const labels = fieldset.locator('label');
    await labels.nth((await labels.count()) - 1).click();
  }
  const remarks = page.locator('textarea');
  if (await remarks.count() > 0) {
    await remarks.first().fill('Answered from a browser');
  }
  await Promise.all([page.waitForURL(/\/thanks$/), page.getByRole('button').click()]);
  console.log((await page.locator('h1').innerText()).trim());
} catch (error) {
  console.error(error && error.stack ? error.stack : String(error));
  process.exitCode = 1;
} finally {
  if (context) {
    await context.close();
  }
  rmSync(profile, { recursive: true, force: true });
}
