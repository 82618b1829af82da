// Opens GraphiQL as served by the API in headless Chromium, runs the default query and prints what happened:
//   node e2e/smoke.mjs http://127.0.0.1:5000/graphql/ui [screenshot.png]
// Prints JSON { result, failedRequests, pageErrors, attempts }; exit code 1 when the query did not show a result.
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true });
const failedRequests = [];
const pageErrors = [];
const graphqlPosts = [];
let result = null;
let attempts = 0;
let lastResultText = null;
try {
  const page = await browser.newPage();
  // Monaco under software rendering on a busy 2-core machine can take a while to become clickable.
  page.setDefaultTimeout(90000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failedRequests.push(`${r.status()} ${r.url()}`);
    if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/graphql') graphqlPosts.push(r.status());
  });
  await page.goto(url);
  // A click before Monaco has loaded the default query runs nothing, so wait for the query text itself.
  await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('wards('));
  // On a loaded machine the first click can still land while the editor settles: click again if no answer comes.
  const deadline = Date.now() + 120000;
  while (!result && Date.now() < deadline) {
    attempts++;
    await page.click('.graphiql-execute-button');
    try {
      await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('"data"'), null, { timeout: 20000 });
      result = await page.evaluate(() => document.querySelector('.result-window').textContent.replace(/\s+/g, ''));
    } catch {
      lastResultText = await page.evaluate(() => document.querySelector('.result-window')?.textContent ?? null);
    }
  }
  if (screenshot) await page.screenshot({ path: screenshot });
} finally {
  await browser.close();
}
console.log(JSON.stringify({ result, failedRequests, pageErrors, attempts, graphqlPosts, lastResultText }));
process.exit(result ? 0 : 1);
