import { createHash } from 'node:crypto';
import { sha256 } from '@ciba/service-kit';
import { deviceApprovalRoutes } from '../../../../src/routes/device-approval/index.ts';
import { openApprovalPage, submitApproval } from '../../../support/approval-page.ts';
import { MemoryPromptStore } from '../../../support/memory-prompt-store.ts';
import { samplePrompt } from '../../../support/sample-prompt.ts';
import { serve } from '../../../support/serve.ts';
import { silentLogger } from '../../../support/silent-logger.ts';
import { TestDirectory } from '../../../support/test-directory.ts';

const TOKEN = 't'.repeat(43);
const OTHER = 'o'.repeat(43);

describe('GET and POST /device/approve/{prompt_id} (in-memory store)', () => {
  const store = new MemoryPromptStore();
  let now = new Date();
  let server: Awaited<ReturnType<typeof serve>>;
  let seq = 0;
  const put = (overrides = {}) => {
    const id = `approvalPrompt${String(++seq).padStart(10, '0')}`;
    store.prompts.set(id, samplePrompt({ promptId: id, requestId: crypto.randomUUID(), decisionTokenHash: sha256(TOKEN), ...overrides }));
    return id;
  };
  const open = (id: string, token: string | null = TOKEN) => openApprovalPage(server.url, id, token);
  const approveVia = async (id: string, decision = 'approve') => {
    const page = await open(id);
    return submitApproval(server.url, id, { t: TOKEN, csrf: page.csrf!, decision }, page.cookie);
  };

  beforeAll(async () => {
    server = await serve(deviceApprovalRoutes({ logger: silentLogger, store, now: () => now, directory: new TestDirectory().port(), csrfSecret: 'csrf-secret-for-tests', secureCookies: false }));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    now = new Date();
  });

  describe('GET', () => {
    it('200: the client name, the binding message, the scopes and the form with the token and a CSRF field; a SameSite=Strict cookie', async () => {
      const id = put();
      const page = await open(id);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.html).toContain('<html lang="en">');
      expect(page.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(page.html).toContain('<h1>Approve sign-in to <span id="client-name">Example Bank</span>?</h1>');
      expect(page.html).toContain('<span class="code" id="binding-message">W4SP</span>');
      expect(page.html).toContain('<li>Sign you in</li><li>Your basic profile (name, picture, locale)</li>');
      expect(page.html).toContain(`<form method="post" action="${id}">`);
      expect(page.html).toContain(`<input type="hidden" name="t" value="${TOKEN}">`);
      expect(page.html).toContain('<button type="submit" class="approve" name="decision" value="approve">Approve</button>');
      expect(page.html).toContain('<button type="submit" class="deny" name="decision" value="deny">Deny</button>');
      expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      expect(page.cookie).toBe(`ciba_csrf_${id}=${page.csrf}`);
      const setCookie = page.headers.getSetCookie()[0]!;
      expect(setCookie).toMatch(/^ciba_csrf_\w+=[^;]+; Max-Age=(599|600); HttpOnly; SameSite=Strict$/);
    });

    it('the security headers: CSP, no referrer, nosniff, no-store, no framing', async () => {
      const page = await open(put());
      expect(page.headers.get('content-security-policy')).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/,
      );
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    });

    it('the style hash in the CSP matches the inline stylesheet', async () => {
      const page = await open(put());
      const style = /<style>([\s\S]*?)<\/style>/.exec(page.html)![1]!;
      const hash = createHash('sha256').update(style).digest('base64');
      expect(page.headers.get('content-security-policy')).toContain(`style-src 'sha256-${hash}'`);
    });

    it('escapes a binding message, a scope and a client name carrying markup', async () => {
      const id = put({ bindingMessage: '<script>alert(1)</script>', scope: 'openid <img src=x onerror=alert(2)>', clientId: 'unknown-"client"' });
      const page = await open(id);
      expect(page.status).toBe(200);
      expect(page.html).not.toMatch(/<script|<img/);
      expect(page.html).toContain('<span class="code" id="binding-message">&lt;script&gt;alert(1)&lt;/script&gt;</span>');
      expect(page.html).toContain('<li>&lt;img</li><li>src=x</li><li>onerror=alert(2)&gt;</li>');
      expect(page.html).toContain('<span id="client-name">unknown-&quot;client&quot;</span>');
    });

    it('without a binding message the code block is left out', async () => {
      const page = await open(put({ bindingMessage: undefined }));
      expect(page.html).not.toContain('binding-message');
    });

    it('404 page for an unknown prompt', async () => {
      const page = await open('noSuchPrompt0000000000');
      expect(page.status).toBe(404);
      expect(page.html).toContain('<h1>Request not found</h1>');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('401 page for a missing or wrong token, without a form or cookie', async () => {
      const id = put();
      for (const token of [null, OTHER]) {
        const page = await open(id, token);
        expect(page.status).toBe(401);
        expect(page.html).toContain('<h1>This link is not valid</h1>');
        expect(page.html).not.toContain('<form');
        expect(page.cookie).toBeUndefined();
      }
    });

    it('410 page for an expired request, recorded or not', async () => {
      for (const id of [put({ expiresAt: new Date(now.getTime() - 1) }), put({ status: 'expired' })]) {
        const page = await open(id);
        expect(page.status).toBe(410);
        expect(page.html).toContain('<h1>This request has expired</h1>');
      }
    });

    it('a decided prompt shows "already approved" / "already denied"', async () => {
      expect((await open(put({ status: 'approved' }))).html).toContain('This sign-in request was already approved.');
      expect((await open(put({ status: 'denied' }))).html).toContain('This sign-in request was already denied.');
    });
  });

  describe('POST', () => {
    it('Approve records the decision as the decision endpoint does (the granted event) and shows the result', async () => {
      const id = put();
      const res = await approveVia(id);
      expect(res.status).toBe(200);
      expect(res.html).toContain('<h1>Sign-in approved</h1>');
      expect(res.html).toContain('You approved the sign-in to Example Bank.');
      expect(store.prompts.get(id)?.status).toBe('approved');
      expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.granted.v1', data: { prompt_id: id } });
      expect(res.headers.getSetCookie()[0]).toBe(`ciba_csrf_${id}=; Max-Age=0; HttpOnly; SameSite=Strict`);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('Deny records ciba.consent.denied.v1', async () => {
      const id = put();
      expect((await approveVia(id, 'deny')).html).toContain('<h1>Sign-in denied</h1>');
      expect(store.outbox.at(-1)?.envelope).toMatchObject({ type: 'ciba.consent.denied.v1', data: { prompt_id: id } });
    });

    it('the form sent again (or the other button) shows "already ..." without a second event', async () => {
      const id = put();
      const page = await open(id);
      await submitApproval(server.url, id, { t: TOKEN, csrf: page.csrf!, decision: 'approve' }, page.cookie);
      const events = store.outbox.length;
      const again = await submitApproval(server.url, id, { t: TOKEN, csrf: page.csrf!, decision: 'deny' }, page.cookie);
      expect(again.status).toBe(200);
      expect(again.html).toContain('This sign-in request was already approved.');
      expect(store.outbox.length).toBe(events);
      expect(store.prompts.get(id)?.status).toBe('approved');
    });

    it('403 without the CSRF cookie, with a cookie that does not match the field, or with a token signed for another prompt', async () => {
      const id = put();
      const page = await open(id);
      const other = await open(put());
      const attempts: Array<[Record<string, string>, string | undefined]> = [
        [{ t: TOKEN, csrf: page.csrf!, decision: 'approve' }, undefined],
        [{ t: TOKEN, decision: 'approve' }, page.cookie],
        [{ t: TOKEN, csrf: other.csrf!, decision: 'approve' }, page.cookie],
        [{ t: TOKEN, csrf: other.csrf!, decision: 'approve' }, `ciba_csrf_${id}=${other.csrf}`],
        [{ t: TOKEN, csrf: 'x', decision: 'approve' }, `ciba_csrf_${id}=x`],
      ];
      for (const [fields, cookie] of attempts) {
        const res = await submitApproval(server.url, id, fields, cookie);
        expect(res.status).toBe(403);
        expect(res.html).toContain('<h1>Please try again</h1>');
      }
      expect(store.prompts.get(id)?.status).toBe('pending');
    });

    it('401 for a missing or wrong token in the form, before the CSRF check', async () => {
      const id = put();
      const page = await open(id);
      expect((await submitApproval(server.url, id, { csrf: page.csrf!, decision: 'approve' }, page.cookie)).status).toBe(401);
      expect((await submitApproval(server.url, id, { t: OTHER, csrf: page.csrf!, decision: 'approve' }, page.cookie)).status).toBe(401);
      expect(store.prompts.get(id)?.status).toBe('pending');
    });

    it('400 page for a missing or unknown decision, or a body that is not a form', async () => {
      const id = put();
      const page = await open(id);
      expect((await submitApproval(server.url, id, { t: TOKEN, csrf: page.csrf!, decision: 'maybe' }, page.cookie)).status).toBe(400);
      const json = await fetch(`${server.url}/device/approve/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(400);
      expect(await json.text()).toContain('<h1>Something is missing</h1>');
    });

    it('410 when the request expired between showing the page and the answer', async () => {
      const id = put();
      const page = await open(id);
      now = new Date(Date.now() + 601_000);
      const res = await submitApproval(server.url, id, { t: TOKEN, csrf: page.csrf!, decision: 'approve' }, page.cookie);
      expect(res.status).toBe(410);
      expect(res.html).toContain('<h1>This request has expired</h1>');
      expect(store.prompts.get(id)?.status).toBe('pending');
    });

    it('404 for an unknown prompt', async () => {
      expect((await submitApproval(server.url, 'noSuchPrompt0000000000', { t: TOKEN, decision: 'approve' })).status).toBe(404);
    });
  });

  it('405 page with Allow for another method', async () => {
    const res = await fetch(`${server.url}/device/approve/${put()}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(await res.text()).toContain('<h1>Not available</h1>');
  });
});
