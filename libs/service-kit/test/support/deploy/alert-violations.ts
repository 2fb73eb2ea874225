import type { Manifest, SourcedManifest } from './manifest.ts';
import { promqlMetricNames } from './promql-metric-names.ts';

const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

/** Whether `name` is one of `allowed`, a histogram series of one, or matches an allowed prefix (`nodejs_*`). */
export function metricAllowed(name: string, allowed: ReadonlySet<string>, prefixes: readonly string[] = []): boolean {
  return allowed.has(name) || allowed.has(name.replace(HISTOGRAM_SERIES, '')) || prefixes.some((p) => name.startsWith(p));
}

/**
 * PrometheusRule alerts: each reads only allowed metrics, has a severity (critical, warning or info), a
 * `for`, a summary, a description and a runbook_url whose anchor `runbooks` holds. Dashboard ConfigMaps
 * (label grafana_dashboard) query only allowed metrics too.
 */
export function alertViolations(set: SourcedManifest[], allowed: ReadonlySet<string>, prefixes: readonly string[], runbooks: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'PrometheusRule')) {
    for (const rule of (doc.spec?.groups ?? []).flatMap((g: Manifest) => g.rules ?? []) as Manifest[]) {
      const at = (problem: string) => out.push(`${file}: PrometheusRule ${doc.metadata?.name}: ${rule.alert ?? rule.record}: ${problem}`);
      for (const name of promqlMetricNames(String(rule.expr))) if (!metricAllowed(name, allowed, prefixes)) at(`reads ${name}, which is not a known metric`);
      if (!rule.alert) continue;
      if (!['critical', 'warning', 'info'].includes(rule.labels?.severity)) at('severity must be critical, warning or info');
      if (!/^\d+[smh]$/.test(String(rule.for ?? ''))) at('for missing');
      for (const key of ['summary', 'description']) if (!rule.annotations?.[key]) at(`annotation ${key} missing`);
      const anchor = /#(.+)$/.exec(String(rule.annotations?.runbook_url ?? ''))?.[1];
      if (!anchor || !runbooks.has(anchor)) at(`runbook_url ${rule.annotations?.runbook_url} names no runbook section`);
    }
  }
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.labels?.grafana_dashboard)) {
    for (const [key, text] of Object.entries(doc.data ?? {})) {
      const panels: Manifest[] = JSON.parse(String(text)).panels ?? [];
      for (const target of panels.flatMap((p) => p.targets ?? [])) {
        for (const name of promqlMetricNames(String(target.expr))) if (!metricAllowed(name, allowed, prefixes)) out.push(`${file}: ConfigMap ${doc.metadata?.name}: ${key}: reads ${name}, which is not a known metric`);
      }
    }
  }
  return out;
}
