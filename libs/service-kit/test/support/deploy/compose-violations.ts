import { imageName } from './kustomize/transformers.ts';
import type { Manifest, SourcedManifest } from './manifest.ts';

const sorted = (values: Iterable<unknown>) => [...new Set([...values].map(String))].sort();
const same = (a: Iterable<unknown>, b: Iterable<unknown>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** The variable names a rendered container receives: its own `env` and every key of what it loads whole. */
function manifestEnvNames(container: Manifest, set: SourcedManifest[], secretKeys: readonly string[]): string[] {
  const names = (container.env ?? []).map((e: Manifest) => e.name as string);
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) names.push(...Object.keys(set.find(({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.name === source.configMapRef.name)?.doc.data ?? {}));
    if (source.secretRef) names.push(...secretKeys);
  }
  return names;
}

/**
 * docker-compose.yml runs what the manifests run: for each Deployment and Job a compose service of the
 * same name with the same image (ignoring registry tag), `command` equal to the container's `args`, the
 * same container ports (`expose`), the same variable names (the Secret's keys: `secretKeys`, since
 * production creates it out of band), the same non-root uid and a read-only root without capabilities.
 * The Job is the compose service `migrate`. Every compose image is pinned.
 */
export function composeViolations(compose: Manifest, set: SourcedManifest[], secretKeys: readonly string[]): string[] {
  const out: string[] = [];
  const services: Record<string, Manifest> = compose.services ?? {};
  for (const [name, svc] of Object.entries(services)) {
    if (!/:[^:/]+$/.test(String(svc.image ?? '')) || String(svc.image).endsWith(':latest')) out.push(`compose ${name}: image ${svc.image} must be pinned to a tag other than latest`);
  }
  for (const { doc } of set.filter(({ doc }) => doc.kind === 'Deployment' || doc.kind === 'Job')) {
    const name = doc.kind === 'Job' ? 'migrate' : (doc.metadata?.name as string);
    const pod = doc.spec?.template?.spec ?? {};
    const c: Manifest = pod.containers?.[0] ?? {};
    const svc = services[name];
    const at = (problem: string) => out.push(`compose ${name}: ${problem}`);
    if (!svc) { at(`missing: the manifests run ${doc.kind} ${doc.metadata?.name}`); continue; }
    if (imageName(String(svc.image)) !== imageName(String(c.image)).replace(/^registry\.example\.com\//, '')) at(`image ${svc.image} is not ${c.image}`);
    if (svc.build !== '.' && svc.build?.context !== '.') at('must be built from the repository root (build: .)');
    if (JSON.stringify(svc.command) !== JSON.stringify(c.args)) at(`command ${JSON.stringify(svc.command)} is not the container's args ${JSON.stringify(c.args)}`);
    const ports = (c.ports ?? []).map((p: Manifest) => p.containerPort);
    if (!same(svc.expose ?? [], ports)) at(`exposes ${JSON.stringify(sorted(svc.expose ?? []))}, the container ${JSON.stringify(sorted(ports))}`);
    const expected = manifestEnvNames(c, set, secretKeys);
    const actual = Object.keys(svc.environment ?? {});
    for (const missing of sorted(expected).filter((n) => !actual.includes(n))) at(`environment lacks ${missing}`);
    for (const extra of sorted(actual).filter((n) => !expected.includes(n))) at(`environment has ${extra}, which the manifests do not set`);
    const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    if (String(svc.user ?? '').split(':')[0] !== String(uid)) at(`user ${svc.user} is not uid ${uid}`);
    if (svc.read_only !== true || !(svc.cap_drop ?? []).includes('ALL')) at('must run read_only with cap_drop ALL');
  }
  return out;
}
