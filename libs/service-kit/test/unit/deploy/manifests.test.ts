// Static checks of the deployment artefacts (deploy/k8s, services/*/Dockerfile): each rule runs on
// the real files (no violations) and on a broken copy (the violation is reported).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configViolations } from '../../support/deploy/config-violations.ts';
import { deploymentViolations } from '../../support/deploy/deployment-violations.ts';
import { dockerfileViolations } from '../../support/deploy/dockerfile-violations.ts';
import { ingressViolations } from '../../support/deploy/ingress-violations.ts';
import { kustomizationViolations } from '../../support/deploy/kustomization-violations.ts';
import type { Manifest, SourcedManifest } from '../../support/deploy/manifest.ts';
import { namingViolations } from '../../support/deploy/naming-violations.ts';
import { parseManifests, readManifests } from '../../support/deploy/read-manifests.ts';

const root = resolve(__dirname, '../../../../..');
const k8s = join(root, 'deploy', 'k8s');
const SERVICES = ['auth-endpoint', 'token', 'consent-dispatcher', 'notifier', 'channel-webhook', 'channel-email', 'channel-sms', 'channel-push'];
const ROUTES: Record<string, string> = {
  '/bc-authorize': 'auth-endpoint',
  '/token': 'token',
  '/.well-known/openid-configuration': 'token',
  '/jwks': 'token',
  '/register': 'token',
  '/userinfo': 'token',
  '/introspect': 'token',
  '/revoke': 'token',
  '/admin': 'token',
  '/admin/notifications': 'notifier',
  '/device': 'consent-dispatcher',
};

const all = readManifests(k8s, root);
const base = all.manifests.filter(({ file }) => file.startsWith('deploy/k8s/base/'));
const ofFile = (svc: string) => base.filter(({ file }) => file === `deploy/k8s/base/${svc}.yaml`);
const clone = (set: SourcedManifest[]): SourcedManifest[] => structuredClone(set);
const find = (set: SourcedManifest[], kind: string): Manifest => set.find(({ doc }) => doc.kind === kind)!.doc;
// The root's npm workspaces (`group/*` or a folder), as folders holding a package.json.
const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces as string[]).flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
    : [pattern],
).filter((ws) => existsSync(join(root, ws, 'package.json')));

describe('deploy/k8s YAML', () => {
  it('parses every file', () => {
    expect(all.violations).toEqual([]);
    expect(all.manifests.length).toBeGreaterThan(20);
  });

  it('reports invalid YAML', () => {
    expect(parseManifests('x.yaml', 'a: [1, 2\nb: c').violations).not.toEqual([]);
  });
});

describe('base Deployments', () => {
  it('has one file per service, following every Deployment rule', () => {
    expect(base.filter(({ doc }) => doc.kind === 'Deployment').map(({ doc }) => doc.metadata?.name).sort()).toEqual([...SERVICES].sort());
    expect(deploymentViolations(base)).toEqual([]);
  });

  it.each(SERVICES)('%s: one name in Deployment, Service, ServiceAccount, labels and container; the one image with its entry point', (svc) => {
    expect(namingViolations(svc, ofFile(svc))).toEqual([]);
  });

  it('reports missing probes, limits, hardening and a missing ServiceAccount', () => {
    const broken = clone(ofFile('token'));
    const pod = find(broken, 'Deployment').spec.template.spec;
    delete pod.containers[0].readinessProbe;
    delete pod.containers[0].livenessProbe;
    delete pod.containers[0].resources.limits;
    pod.containers[0].securityContext.readOnlyRootFilesystem = false;
    pod.containers[0].securityContext.allowPrivilegeEscalation = true;
    pod.containers[0].securityContext.capabilities.drop = [];
    delete pod.containers[0].securityContext.runAsNonRoot;
    delete pod.securityContext.runAsNonRoot;
    pod.containers[0].env.push({ name: 'ADMIN_TOKEN', value: 'baked-in' });
    pod.automountServiceAccountToken = true;
    pod.terminationGracePeriodSeconds = 5;
    const violations = deploymentViolations(broken.filter(({ doc }) => doc.kind !== 'ServiceAccount')).join('\n');
    for (const rule of [
      'readinessProbe must GET /readyz',
      'livenessProbe must GET /healthz',
      'resources.limits.cpu missing',
      'resources.limits.memory missing',
      'readOnlyRootFilesystem must be true',
      'allowPrivilegeEscalation must be false',
      'capabilities.drop must include ALL',
      'runAsNonRoot must be true',
      'env ADMIN_TOKEN must come from ciba-secrets',
      'automountServiceAccountToken must be false',
      'terminationGracePeriodSeconds must be at least 30',
      'no ServiceAccount token',
    ]) {
      expect(violations).toContain(rule);
    }
  });

  it('reports a Deployment without a matching Service or PodDisruptionBudget', () => {
    const broken = clone(ofFile('notifier'));
    find(broken, 'Service').spec.selector = { 'app.kubernetes.io/name': 'other' };
    const violations = deploymentViolations(broken.filter(({ doc }) => doc.kind !== 'PodDisruptionBudget'));
    expect(violations).toContain('deploy/k8s/base/notifier.yaml: Deployment notifier: Service notifier does not select the pods');
    expect(violations).toContain('deploy/k8s/base/notifier.yaml: Deployment notifier: no PodDisruptionBudget selects the pods');
  });

  it('reports a service whose names disagree', () => {
    const broken = clone(ofFile('token'));
    find(broken, 'Service').metadata!.name = 'token-svc';
    find(broken, 'Deployment').spec.template.spec.containers[0].image = 'ciba/token';
    find(broken, 'Deployment').spec.template.spec.containers[0].args = ['dist/services/tokens/main.mjs'];
    expect(namingViolations('token', broken)).toEqual([
      'base/token.yaml: Service is named token-svc, not token',
      'base/token.yaml: image must be ciba/server (overlays set registry and tag)',
      'base/token.yaml: args must be ["dist/services/token/main.mjs"]',
    ]);
  });
});

describe('Ingress and config', () => {
  it('routes each public path to its owner and never /internal', () => {
    expect(ingressViolations(base, SERVICES, ROUTES)).toEqual([]);
  });

  it('reports /internal, a catch-all, an unknown backend and a misrouted path', () => {
    const broken = clone(base);
    const paths = find(broken, 'Ingress').spec.rules[0].http.paths;
    const to = (name: string) => ({ service: { name, port: { name: 'http' } } });
    paths.push({ path: '/internal/directory', pathType: 'Prefix', backend: to('token') });
    paths.push({ path: '/', pathType: 'Prefix', backend: to('token') });
    paths.push({ path: '/x', pathType: 'ImplementationSpecific', backend: to('nowhere') });
    paths.find((p: Manifest) => p.path === '/device').backend = to('token');
    const violations = ingressViolations(broken, SERVICES, ROUTES).join('\n');
    expect(violations).toContain('path /internal/directory (Prefix) routes /internal');
    expect(violations).toContain('path / (Prefix) routes /internal');
    expect(violations).toContain('path /x (ImplementationSpecific) routes /internal');
    expect(violations).toContain('path /x goes to unknown Service nowhere');
    expect(violations).toContain('Ingress: /device must go to consent-dispatcher, goes to token');
  });

  it('keeps secrets out of ConfigMaps', () => {
    expect(configViolations(all.manifests)).toEqual([]);
    const broken = clone(base);
    find(broken, 'ConfigMap').data.DATABASE_URL = 'postgresql://u:p@db/ciba';
    expect(configViolations(broken)).toEqual(['deploy/k8s/base/configmap.yaml: ConfigMap ciba-config: DATABASE_URL belongs in ciba-secrets']);
  });
});

describe('kustomizations', () => {
  it('list only files that exist, and every manifest is listed', () => {
    expect(kustomizationViolations(k8s)).toEqual([]);
  });

  it('reports a missing file, an unlisted file, a remote base and a component without README', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ciba-kustomize-'));
    try {
      mkdirSync(join(dir, 'components', 'x'), { recursive: true });
      writeFileSync(join(dir, 'components', 'x', 'kustomization.yaml'), 'kind: Kustomization\n');
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n  - https://github.com/x/y//k8s?ref=main\ncomponents:\n  - components/x\n');
      writeFileSync(join(dir, 'orphan.yaml'), 'kind: ConfigMap\n');
      expect(kustomizationViolations(dir).sort()).toEqual([
        'components/x/kustomization.yaml: a kustomization under components/ must be kind: Component',
        'components/x/kustomization.yaml: component has no README.md',
        'kustomization.yaml: components: components/x is not a kind: Component',
        'kustomization.yaml: resources: https://github.com/x/y//k8s?ref=main is remote; keep one local manifest source',
        'kustomization.yaml: resources: missing.yaml does not exist',
        'orphan.yaml: not listed in kustomization.yaml',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  /** What the deployments run from the one image: every service and channel, the all-in-one, the migration. */
  const programs = [
    ...SERVICES.map((svc) => (svc.startsWith('channel-') ? `dist/channels/${svc.slice('channel-'.length)}/main.mjs` : `dist/services/${svc}/main.mjs`)),
    'dist/services/all-in-one/main.mjs',
    'dist/migrate.mjs',
  ];

  it('builds every program into one image: compiled dist/ and production node_modules only, numeric non-root user, no baked-in secrets', () => {
    expect(dockerfileViolations(root, programs, text, workspaces)).toEqual([]);
  });

  it('reports a name user, sources in the runtime stage, a skipped build, an unbuilt program, a baked-in secret and a missing workspace manifest', () => {
    const broken = text
      .replace('USER 1000:1000', 'USER node')
      .replace('COPY --from=build /app/dist dist', 'COPY --from=build /app/dist dist\nCOPY services services')
      .replace(' && npm run build \\\n', ' \\\n')
      .replace('CMD ["dist/services/all-in-one/main.mjs"]', 'CMD ["dist/services/tokens/main.mjs"]')
      .replace('ENTRYPOINT ["/usr/bin/tini", "--", "node"]', 'ENTRYPOINT ["node"]')
      .replace('ENV NODE_ENV=production', 'ENV ADMIN_TOKEN=abc NODE_ENV=production')
      .replace(/^COPY libs\/event-bus\/package\.json.*$/m, '');
    expect(broken).not.toBe(text);
    expect(dockerfileViolations(root, [...programs, 'dist/services/ghost/main.mjs'], broken, workspaces)).toEqual([
      'Dockerfile: dist/services/ghost/main.mjs is run but npm run build does not produce it',
      'Dockerfile: names dist/services/tokens/main.mjs, which npm run build does not produce',
      'Dockerfile: build stage must run npm ci, npm run generate, npm run build, npm prune --omit=dev, in that order',
      'Dockerfile: must COPY libs/event-bus/package.json before npm ci (workspace manifests)',
      'Dockerfile: runtime stage COPY services services: it takes only /app/dist and /app/node_modules from the build stage',
      'Dockerfile: final stage must run as a numeric non-root USER (Kubernetes runAsNonRoot checks the number), runs as node',
      'Dockerfile: ENTRYPOINT must be ["/usr/bin/tini","--","node"], is ["node"]',
      'Dockerfile: CMD must be ["dist/services/all-in-one/main.mjs"], is ["dist/services/tokens/main.mjs"]',
      'Dockerfile: ENV ADMIN_TOKEN=abc NODE_ENV=production PORT=8080 NODE_OPTIONS=--enable-source-maps: secrets come from the environment at run time',
    ]);
    expect(dockerfileViolations(root, programs, text.replace(/^USER .*$/m, ''), workspaces)).toContain(
      'Dockerfile: final stage must run as a numeric non-root USER (Kubernetes runAsNonRoot checks the number), runs as root (no USER)',
    );
    expect(dockerfileViolations(root, programs, text.replace('USER 1000:1000', 'USER 0'), workspaces)).toHaveLength(1);
  });
});

// The overlays rendered, validated against their schemas and checked: rendered-overlays.test.ts, rules.test.ts.
