import type { Manifest, SourcedManifest } from './manifest.ts';

/** `job=~"a|b"` or `deployment=~"a|b"` in a PromQL expression: a list of Deployments spelled out. */
const LIST = /\b(job|deployment)=~"([^"]+)"/g;

/**
 * Alerts and dashboards that spell out the Deployments in a label regex (`up{job=~"…"}`,
 * `kube_deployment_status_replicas_unavailable{deployment=~"…"}`) name exactly `services`, so a new
 * service is not silently left out of the target-down and readiness alerts or the targets panel.
 */
export function serviceListViolations(set: SourcedManifest[], services: readonly string[]): string[] {
  const out: string[] = [];
  const expected = [...services].sort();
  const check = (where: string, expr: string) => {
    for (const [, label, list] of expr.matchAll(LIST)) {
      const named = (list as string).split('|').sort();
      const missing = expected.filter((s) => !named.includes(s));
      const unknown = named.filter((s) => !expected.includes(s));
      if (missing.length > 0) out.push(`${where}: ${label}=~ lacks ${missing.join(', ')}`);
      if (unknown.length > 0) out.push(`${where}: ${label}=~ names ${unknown.join(', ')}, which is no Deployment`);
    }
  };
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'PrometheusRule')) {
    for (const rule of (doc.spec?.groups ?? []).flatMap((g: Manifest) => g.rules ?? []) as Manifest[]) {
      check(`${file}: PrometheusRule ${doc.metadata?.name}: ${rule.alert ?? rule.record}`, String(rule.expr));
    }
  }
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.labels?.grafana_dashboard)) {
    for (const [key, text] of Object.entries(doc.data ?? {})) {
      const panels: Manifest[] = JSON.parse(String(text)).panels ?? [];
      for (const panel of panels) {
        for (const target of panel.targets ?? []) check(`${file}: ConfigMap ${doc.metadata?.name}: ${key}: ${panel.title}`, String(target.expr));
      }
    }
  }
  return out;
}
