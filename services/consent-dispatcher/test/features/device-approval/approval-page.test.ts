import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sha256 } from '@ciba/service-kit';
import { deviceApprovalRoutes } from '../../../src/routes/device-approval/index.ts';
import { chromiumAvailable, launchChromium } from '../../support/headless-chromium.ts';
import { MemoryPromptStore } from '../../support/memory-prompt-store.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { serve } from '../../support/serve.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { TestDirectory } from '../../support/test-directory.ts';

const ARTIFACTS = join(__dirname, '..', '..', '..', '..', '..', 'test-artifacts', 'approval-page');
const TOKEN = 'b'.repeat(43);
const describeInBrowser = chromiumAvailable('hosted approval page in chromium') ? describe : describe.skip;

describeInBrowser('hosted approval page in headless chromium', () => {
  jest.setTimeout(60_000);
  const store = new MemoryPromptStore();
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seq = 0;
  const violations: string[] = [];
  const put = (overrides = {}) => {
    const id = `browserPrompt${String(++seq).padStart(10, '0')}`;
    store.prompts.set(id, samplePrompt({ promptId: id, requestId: crypto.randomUUID(), decisionTokenHash: sha256(TOKEN), bindingMessage: 'BLUE-7', scope: 'openid profile email', ...overrides }));
    return id;
  };
  const link = (id: string) => `${server.url}/device/approve/${id}?t=${TOKEN}`;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(deviceApprovalRoutes({ logger: silentLogger, store, now: () => new Date(), directory: new TestDirectory().port(), csrfSecret: 'browser-test-secret', secureCookies: false }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page = await context.newPage();
    violations.length = 0;
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
  });
  afterEach(async () => {
    await context.close();
  });

  it('approve: the page reads well at 375x667 (no horizontal scroll, styled under the CSP), Approve records the decision', async () => {
    const id = put();
    const res = await page.goto(link(id));
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Approve sign-in to Example Bank?');
    expect(await page.locator('h1').innerText()).toBe('Approve sign-in to Example Bank?');
    expect(await page.locator('#binding-message').innerText()).toBe('BLUE-7');
    expect(await page.locator('li').allInnerTexts()).toEqual(['Sign you in', 'Your basic profile (name, picture, locale)', 'Your email address']);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await page.evaluate("getComputedStyle(document.querySelector('button.approve')).backgroundColor")).toBe('rgb(20, 108, 46)');
    const approve = await page.getByRole('button', { name: 'Approve' }).boundingBox();
    expect(approve!.x).toBeGreaterThanOrEqual(0);
    expect(approve!.x + approve!.width).toBeLessThanOrEqual(375);
    expect(approve!.height).toBeGreaterThanOrEqual(44);
    await shot('prompt-375x667');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForSelector('text=Sign-in approved');
    expect(await page.locator('[role=status]').innerText()).toContain('You approved the sign-in to Example Bank.');
    await shot('approved-375x667');
    expect(store.prompts.get(id)?.status).toBe('approved');
    expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.granted.v1', data: { prompt_id: id } });
    expect(violations).toEqual([]);
  });

  it('deny: Deny records the denial', async () => {
    const id = put();
    await page.goto(link(id));
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForSelector('text=Sign-in denied');
    await shot('denied-375x667');
    expect(store.prompts.get(id)?.status).toBe('denied');
    expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.denied.v1' });
  });

  it('a used link shows "already approved"', async () => {
    const id = put();
    await page.goto(link(id));
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForSelector('text=Sign-in approved');
    const again = await page.goto(link(id));
    expect(again?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Already approved');
    expect(await page.locator('form').count()).toBe(0);
    await shot('already-approved');
  });

  it('an expired link shows "expired" (410)', async () => {
    const id = put({ expiresAt: new Date(Date.now() - 1000) });
    const res = await page.goto(link(id));
    expect(res?.status()).toBe(410);
    expect(await page.locator('h1').innerText()).toBe('This request has expired');
    await shot('expired');
  });

  it('a wrong token shows the 401 page', async () => {
    const res = await page.goto(`${server.url}/device/approve/${put()}?t=${'x'.repeat(43)}`);
    expect(res?.status()).toBe(401);
    expect(await page.locator('h1').innerText()).toBe('This link is not valid');
  });

  it('keyboard only: Tab reaches Approve first, Enter approves', async () => {
    const id = put();
    await page.goto(link(id));
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Approve');
    await shot('keyboard-focus');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Deny');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Sign-in approved');
    expect(store.prompts.get(id)?.status).toBe('approved');
  });
});
