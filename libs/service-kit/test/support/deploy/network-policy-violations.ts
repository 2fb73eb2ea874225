import type { Manifest, SourcedManifest } from './manifest.ts';

const METRICS_PORT = 9464;
const selects = (selector: Manifest | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  && (selector?.matchExpressions ?? []).every((e: Manifest) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'NotIn' ? !e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : !(e.key in labels)));
const isMetrics = (port: Manifest) => port.port === METRICS_PORT || port.port === 'metrics';
const fromMonitoringOnly = (rule: Manifest) =>
  (rule.from ?? []).length > 0 && rule.from.every((peer: Manifest) => !peer.podSelector && !peer.ipBlock && peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring');

/**
 * Every Deployment's pods are under a deny-all ingress policy and at least one policy that admits
 * something; the metrics port (9464) is admitted from the `monitoring` namespace only, and any rule
 * without ports (every port) never admits more than that namespace would get.
 */
export function networkPolicyViolations(set: SourcedManifest[]): string[] {
  const out: string[] = [];
  const policies = set.filter(({ doc }) => doc.kind === 'NetworkPolicy');
  for (const { file, doc } of policies) {
    for (const rule of doc.spec?.ingress ?? []) {
      const ports: Manifest[] = rule.ports ?? [];
      if ((ports.length === 0 || ports.some(isMetrics)) && !fromMonitoringOnly(rule)) out.push(`${file}: NetworkPolicy ${doc.metadata?.name}: admits the metrics port ${ports.length === 0 ? '(all ports) ' : ''}from outside the monitoring namespace`);
    }
  }
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'Deployment')) {
    const labels: Record<string, string> = doc.spec?.template?.metadata?.labels ?? {};
    const covering = policies.filter(({ doc: p }) => selects(p.spec?.podSelector, labels) && (p.spec?.policyTypes ?? ['Ingress']).includes('Ingress'));
    const at = (rule: string) => out.push(`${file}: Deployment ${doc.metadata?.name}: ${rule}`);
    if (!covering.some(({ doc: p }) => (p.spec?.ingress ?? []).length === 0)) at('no deny-all ingress NetworkPolicy selects its pods');
    if (!covering.some(({ doc: p }) => (p.spec?.ingress ?? []).length > 0)) at('no NetworkPolicy admits anything to its pods');
    if (!covering.some(({ doc: p }) => (p.spec.ingress ?? []).some((r: Manifest) => (r.ports ?? []).some(isMetrics) && fromMonitoringOnly(r)))) at('no NetworkPolicy admits scrapes of port 9464 from the monitoring namespace');
  }
  return out;
}
