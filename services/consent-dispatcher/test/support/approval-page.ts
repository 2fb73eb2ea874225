/** What a browser gets from `GET /device/approve/{prompt_id}?t=...`: the page, its form's CSRF field and cookie. */
export interface OpenedPage {
  status: number;
  headers: Headers;
  html: string;
  /** The hidden `csrf` field, when the page has the form. */
  csrf?: string;
  /** `name=value` of the CSRF cookie set, when one was. */
  cookie?: string;
}

/** GETs the approval page as a browser would (the token as `?t=`; `null` sends none). */
export async function openApprovalPage(baseUrl: string, promptId: string, token: string | null): Promise<OpenedPage> {
  const res = await fetch(`${baseUrl}/device/approve/${promptId}${token !== null ? `?t=${encodeURIComponent(token)}` : ''}`);
  const html = await res.text();
  const csrf = /<input type="hidden" name="csrf" value="([^"]*)">/.exec(html)?.[1];
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => !c.endsWith('='));
  return { status: res.status, headers: res.headers, html, ...(csrf ? { csrf } : {}), ...(cookie ? { cookie } : {}) };
}

/** POSTs the page's form: `fields` form-encoded, `cookie` as the Cookie header. */
export async function submitApproval(baseUrl: string, promptId: string, fields: Record<string, string>, cookie?: string) {
  const res = await fetch(`${baseUrl}/device/approve/${promptId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, html: await res.text() };
}
