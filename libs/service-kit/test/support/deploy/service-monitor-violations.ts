import type { Manifest, SourcedManifest } from './manifest.ts';

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

/**
 * Every ServiceMonitor endpoint scrapes `/metrics` on a port name that each Service it selects has, it
 * selects at least one Service, and every Deployment's Service is scraped by one.
 */
export function serviceMonitorViolations(set: SourcedManifest[]): string[] {
  const out: string[] = [];
  const services = set.filter(({ doc }) => doc.kind === 'Service').map(({ doc }) => doc);
  const monitors = set.filter(({ doc }) => doc.kind === 'ServiceMonitor');
  const scraped = new Set<string>();
  for (const { file, doc } of monitors) {
    const at = (rule: string) => out.push(`${file}: ServiceMonitor ${doc.metadata?.name}: ${rule}`);
    const selected = services.filter((s) => selects(doc.spec?.selector?.matchLabels, s.metadata?.labels));
    if (selected.length === 0) at('selects no Service');
    for (const endpoint of (doc.spec?.endpoints ?? []) as Manifest[]) {
      if ((endpoint.path ?? '/metrics') !== '/metrics') at(`endpoint path ${endpoint.path} is not /metrics`);
      for (const s of selected) {
        if ((s.spec?.ports ?? []).some((p: Manifest) => p.name === endpoint.port)) scraped.add(s.metadata?.name ?? '');
        else at(`Service ${s.metadata?.name} has no port named ${endpoint.port}`);
      }
    }
  }
  if (monitors.length > 0) {
    for (const { doc } of set.filter(({ doc }) => doc.kind === 'Deployment')) {
      if (!scraped.has(doc.metadata?.name ?? '')) out.push(`Deployment ${doc.metadata?.name}: no ServiceMonitor scrapes its Service`);
    }
  }
  return out;
}
