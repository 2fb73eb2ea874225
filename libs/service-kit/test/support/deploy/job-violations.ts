import { hardeningViolations } from './deployment-violations.ts';
import type { Manifest, SourcedManifest } from './manifest.ts';

/**
 * The migration Job: runs `dist/migrate.mjs` of the one image, never restarts in place (the Job retries,
 * a bounded number of times within a deadline), has a ServiceAccount without a token, and its container
 * is hardened like every other; Argo CD runs it as a Sync hook before the Deployments' wave. No container
 * anywhere sets MIGRATE_ON_START=true: the Job migrates.
 */
export function jobViolations(set: SourcedManifest[]): string[] {
  const out: string[] = [];
  const jobs = set.filter(({ doc }) => doc.kind === 'Job');
  const migrations = jobs.filter(({ doc }) => doc.spec?.template?.spec?.containers?.some((c: Manifest) => JSON.stringify(c.args) === '["dist/migrate.mjs"]'));
  if (migrations.length !== 1) out.push(`expected one Job running dist/migrate.mjs, found ${migrations.length}`);
  const migration = migrations[0]?.doc;
  if (migration) {
    // Argo CD: a Sync hook (a PreSync one would run before ciba-config exists), before every Deployment's wave.
    const wave = (d: Manifest) => Number(d.metadata?.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    if (migration.metadata?.annotations?.['argocd.argoproj.io/hook'] !== 'Sync') out.push(`Job ${migration.metadata?.name}: must be an Argo CD Sync hook`);
    for (const { doc } of set.filter(({ doc }) => doc.kind === 'Deployment')) {
      if (!(wave(doc) > wave(migration))) out.push(`Deployment ${doc.metadata?.name}: its Argo CD sync-wave must come after the migration Job's`);
    }
  }
  for (const { file, doc } of jobs) {
    const at = (rule: string) => out.push(`${file}: Job ${doc.metadata?.name}: ${rule}`);
    const pod = doc.spec?.template?.spec ?? {};
    if (pod.restartPolicy !== 'Never') at('restartPolicy must be Never (the Job retries in new pods)');
    if (!(doc.spec?.backoffLimit >= 1)) at('backoffLimit must be set');
    if (!(doc.spec?.activeDeadlineSeconds > 0)) at('activeDeadlineSeconds must be set');
    if (pod.automountServiceAccountToken !== false) at('automountServiceAccountToken must be false');
    if (!set.some(({ doc: d }) => d.kind === 'ServiceAccount' && d.metadata?.name === pod.serviceAccountName)) at(`no ServiceAccount ${pod.serviceAccountName}`);
    const tmp = new Set<string>((pod.volumes ?? []).filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name));
    for (const c of pod.containers ?? []) out.push(...hardeningViolations(`${file}: Job ${doc.metadata?.name}: container ${c.name}`, c, pod.securityContext ?? {}, tmp));
  }
  for (const { file, doc } of set) {
    for (const c of doc.spec?.template?.spec?.containers ?? []) {
      if ((c.env ?? []).some((e: Manifest) => e.name === 'MIGRATE_ON_START' && e.value === 'true')) out.push(`${file}: ${doc.kind} ${doc.metadata?.name}: MIGRATE_ON_START=true (the Job migrates)`);
    }
    if (doc.kind === 'ConfigMap' && doc.data?.MIGRATE_ON_START === 'true') out.push(`${file}: ConfigMap ${doc.metadata?.name}: MIGRATE_ON_START=true (the Job migrates)`);
  }
  return out;
}
