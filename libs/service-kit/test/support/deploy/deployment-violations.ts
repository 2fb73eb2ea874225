import type { Manifest, SourcedManifest } from './manifest.ts';

const SECRET_KEYS = ['ADMIN_TOKEN', 'INTERNAL_TOKEN', 'DATABASE_URL'];

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const named = (set: SourcedManifest[], kind: string, name: string | undefined) =>
  set.find(({ doc }) => doc.kind === kind && doc.metadata?.name === name)?.doc;

/**
 * Rules every Deployment in `set` must follow: probes (/readyz, /healthz, startup), requests and
 * limits, the hardened securityContext, no mounted API token, a graceful shutdown window, spread,
 * a writable /tmp only, config from ciba-config/ciba-secrets, the `metrics` port 9464 with
 * METRICS_PORT=9464, and a matching Service (with that port), ServiceAccount and PodDisruptionBudget in
 * the same set. Returns one line per broken rule.
 */
export function deploymentViolations(set: SourcedManifest[]): string[] {
  const out: string[] = [];
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'Deployment')) {
    const name = doc.metadata?.name;
    const at = (rule: string) => out.push(`${file}: Deployment ${name}: ${rule}`);
    const pod = doc.spec?.template?.spec ?? {};
    const podLabels: Record<string, string> | undefined = doc.spec?.template?.metadata?.labels;
    if (!selects(doc.spec?.selector?.matchLabels, podLabels)) at('spec.selector.matchLabels must select the pod template labels');
    if (pod.automountServiceAccountToken !== false) at('automountServiceAccountToken must be false');
    if (!(pod.terminationGracePeriodSeconds >= 30)) at('terminationGracePeriodSeconds must be at least 30');
    if (!Array.isArray(pod.topologySpreadConstraints) || pod.topologySpreadConstraints.length === 0) at('topologySpreadConstraints missing');

    const account = named(set, 'ServiceAccount', pod.serviceAccountName);
    if (!pod.serviceAccountName || !account) at(`no ServiceAccount ${pod.serviceAccountName ?? '(serviceAccountName unset)'}`);
    else if (account.automountServiceAccountToken !== false) at(`ServiceAccount ${account.metadata?.name}: automountServiceAccountToken must be false`);
    const service = named(set, 'Service', name);
    if (!service) at(`no Service named ${name}`);
    else if (!selects(service.spec?.selector, podLabels)) at(`Service ${name} does not select the pods`);
    else if (!(service.spec?.ports ?? []).some((p: Manifest) => p.name === 'metrics' && p.targetPort === 'metrics')) at(`Service ${name} has no port metrics (targetPort metrics)`);
    const budget = set.find(({ doc: d }) => d.kind === 'PodDisruptionBudget' && selects(d.spec?.selector?.matchLabels, podLabels));
    if (!budget) at('no PodDisruptionBudget selects the pods');

    const containers: Manifest[] = pod.containers ?? [];
    if (containers.length === 0) at('no containers');
    const tmpVolumes = new Set<string>((pod.volumes ?? []).filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name));
    for (const c of containers) out.push(...containerViolations(`${file}: Deployment ${name}: container ${c.name}`, c, pod.securityContext ?? {}, tmpVolumes));
  }
  return out;
}

function containerViolations(where: string, c: Manifest, podSecurity: Manifest, tmpVolumes: Set<string>): string[] {
  const out: string[] = hardeningViolations(where, c, podSecurity, tmpVolumes);
  const at = (rule: string) => out.push(`${where}: ${rule}`);
  if (c.readinessProbe?.httpGet?.path !== '/readyz') at('readinessProbe must GET /readyz');
  if (c.livenessProbe?.httpGet?.path !== '/healthz') at('livenessProbe must GET /healthz');
  if (!c.startupProbe) at('startupProbe missing');
  if (!(c.ports ?? []).some((p: Manifest) => p.name === 'metrics' && p.containerPort === 9464)) at('container port metrics must be 9464');
  if (!(c.env ?? []).some((e: Manifest) => e.name === 'METRICS_PORT' && e.value === '9464')) at('env METRICS_PORT must be "9464" (the metrics port)');
  return out;
}

/**
 * Rules every container (of a Deployment or a Job) follows: requests and limits, an image that is not
 * :latest, a non-root numeric uid, read-only root filesystem, no privilege escalation, every capability
 * dropped, seccomp RuntimeDefault, /tmp as an emptyDir, config from ciba-config/ciba-secrets, no literal secret.
 */
export function hardeningViolations(where: string, c: Manifest, podSecurity: Manifest, tmpVolumes: Set<string>): string[] {
  const out: string[] = [];
  const at = (rule: string) => out.push(`${where}: ${rule}`);
  for (const kind of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) if (!c.resources?.[kind]?.[resource]) at(`resources.${kind}.${resource} missing`);
  }
  if (typeof c.image !== 'string' || c.image.endsWith(':latest')) at('image must be set and not :latest');

  const sc = { ...podSecurity, ...(c.securityContext ?? {}) };
  if (sc.runAsNonRoot !== true) at('securityContext.runAsNonRoot must be true');
  if (!(sc.runAsUser >= 1000)) at('securityContext.runAsUser must be a non-root uid (1000)');
  if (c.securityContext?.readOnlyRootFilesystem !== true) at('securityContext.readOnlyRootFilesystem must be true');
  if (c.securityContext?.allowPrivilegeEscalation !== false) at('securityContext.allowPrivilegeEscalation must be false');
  if (!c.securityContext?.capabilities?.drop?.includes('ALL')) at('securityContext.capabilities.drop must include ALL');
  if (c.securityContext?.capabilities?.add?.length) at('securityContext.capabilities.add must be empty');
  if (sc.privileged === true) at('securityContext.privileged must not be true');
  if (sc.seccompProfile?.type !== 'RuntimeDefault') at('securityContext.seccompProfile.type must be RuntimeDefault');
  if (!(c.volumeMounts ?? []).some((m: Manifest) => m.mountPath === '/tmp' && tmpVolumes.has(m.name))) at('/tmp must be an emptyDir mount');

  const sources: Manifest[] = c.envFrom ?? [];
  if (!sources.some((s) => s.configMapRef?.name?.startsWith('ciba-config'))) at('envFrom must include ConfigMap ciba-config');
  if (!sources.some((s) => s.secretRef?.name?.startsWith('ciba-secrets'))) at('envFrom must include Secret ciba-secrets');
  for (const e of c.env ?? []) if (SECRET_KEYS.includes(e.name) && e.value !== undefined) at(`env ${e.name} must come from ciba-secrets, not a literal`);
  return out;
}
