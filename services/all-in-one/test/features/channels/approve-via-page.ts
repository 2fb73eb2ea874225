/** What a person's browser does with an approval link: GET the page, then POST its form with `decision`. */
export async function answerViaPage(link: string, decision: 'approve' | 'deny'): Promise<{ page: string; result: Response }> {
  const pageResponse = await fetch(link, { redirect: 'manual' });
  if (pageResponse.status !== 200) throw new Error(`approval page answered ${pageResponse.status}`);
  const page = await pageResponse.text();
  const field = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(page)?.[1];
  const action = /<form method="post" action="([^"]*)">/.exec(page)?.[1];
  const t = field('t');
  const csrf = field('csrf');
  if (action === undefined || !t || !csrf) throw new Error('the approval page has no form with t and csrf');
  const cookie = pageResponse.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const result = await fetch(new URL(action, link), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ t, csrf, decision }).toString(),
  });
  return { page, result };
}
