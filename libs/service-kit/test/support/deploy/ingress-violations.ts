import type { Manifest, SourcedManifest } from './manifest.ts';

/** Whether an Ingress path would send `/internal/...` to a backend (Prefix matches by path element). */
function reachesInternal(path: string, pathType: string | undefined): boolean {
  const normalised = path.toLowerCase().replace(/\/+/g, '/');
  if (normalised.startsWith('/internal')) return true;
  if (pathType !== 'Exact' && pathType !== 'Prefix') return true; // ImplementationSpecific: regexes, globs
  return pathType === 'Prefix' && (normalised === '/' || normalised === '');
}

/**
 * Ingress rules: `/internal` is never routed (not by name, not by a catch-all `/`, not by an
 * implementation-specific pattern), nor `/metrics` or the metrics port, every backend is a known Service, and, when `expected` is
 * given, each public path goes to exactly its owner.
 */
export function ingressViolations(set: SourcedManifest[], services: string[], expected?: Record<string, string>): string[] {
  const out: string[] = [];
  const routes = new Map<string, string>();
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'Ingress')) {
    const at = (rule: string) => out.push(`${file}: Ingress ${doc.metadata?.name}: ${rule}`);
    if (doc.spec?.defaultBackend) at('defaultBackend would route every unmatched path, /internal included');
    for (const rule of doc.spec?.rules ?? []) {
      for (const p of (rule.http?.paths ?? []) as Manifest[]) {
        const backend = p.backend?.service?.name;
        if (reachesInternal(String(p.path ?? ''), p.pathType)) at(`path ${p.path} (${p.pathType}) routes /internal`);
        if (!services.includes(backend)) at(`path ${p.path} goes to unknown Service ${backend}`);
        const port = p.backend?.service?.port;
        if (port?.name === 'metrics' || port?.number === 9464) at(`path ${p.path} routes the metrics port`);
        if (/^\/metrics(\/|$)/i.test(String(p.path ?? ''))) at(`path ${p.path} routes /metrics`);
        routes.set(String(p.path), backend);
      }
    }
  }
  for (const [path, owner] of Object.entries(expected ?? {})) {
    if (routes.get(path) !== owner) out.push(`Ingress: ${path} must go to ${owner}, goes to ${routes.get(path) ?? 'nothing'}`);
  }
  return out;
}
