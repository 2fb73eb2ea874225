import { createHash } from 'node:crypto';

/** The page's only stylesheet, inline and allowed by its hash in the CSP (nothing is fetched). */
export const PAGE_STYLE = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
body{margin:0;padding:1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 1rem}
p{margin:0 0 1rem}
.code{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.5rem;font-weight:700;letter-spacing:.08em;padding:.5rem .75rem;margin:.25rem 0 0;background:#eef2ff;border:1px solid #c7d2fe;border-radius:.5rem;overflow-wrap:anywhere}
ul{margin:0 0 1rem;padding-left:1.25rem}
li{margin:.25rem 0}
.muted{color:#4a4a4a;font-size:.9375rem}
fieldset{border:0;margin:1.25rem 0 0;padding:0}
legend{font-weight:600;margin-bottom:.75rem;padding:0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
button{flex:1 1 10rem;min-height:3rem;font:inherit;font-weight:600;font-size:1.0625rem;border-radius:.5rem;padding:.625rem 1rem;cursor:pointer;border:2px solid transparent}
button.approve{background:#146c2e;color:#fff}
button.deny{background:#fff;color:#a4161a;border-color:#a4161a}
button:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px}
.result{font-size:1.125rem}
`.trim();

/** `'sha256-…'` of PAGE_STYLE, for `style-src`. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}'`;
