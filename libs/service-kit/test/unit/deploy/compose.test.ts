// docker-compose.yml against the rendered manifests: the same image, entry points, ports and variables,
// and its gateway routes the Ingress' public paths to the same owners.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeViolations } from '../../support/deploy/compose-violations.ts';
import { repoRoot } from '../../support/deploy/deployment-facts.ts';
import { renderKustomization } from '../../support/deploy/kustomize/render-kustomization.ts';
import type { Manifest, SourcedManifest } from '../../support/deploy/manifest.ts';

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as Manifest;
const render = (overlay: string): SourcedManifest[] => renderKustomization(join(repoRoot, 'deploy', 'k8s', 'overlays', overlay)).map((doc) => ({ file: overlay, doc }));
// Compose carries events over Kafka, like production; the Secret's keys are those development generates.
const production = render('production');
const secretKeys = Object.keys(render('development').find(({ doc }) => doc.kind === 'Secret')?.doc.data ?? {});

describe('docker-compose.yml', () => {
  it('runs every Deployment and the migration Job as the manifests do', () => {
    expect(secretKeys).toEqual(expect.arrayContaining(['ADMIN_TOKEN', 'DATABASE_URL', 'INTERNAL_TOKEN']));
    expect(composeViolations(compose, production, secretKeys)).toEqual([]);
  });

  it('starts the services after the migration, and Kafka, PostgreSQL and Redis from pinned images', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    expect(compose.services.token.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(compose.services.migrate.environment).not.toHaveProperty('MIGRATE_ON_START');
  });

  it('routes each public path of the Ingress to the same owner, and nothing else', () => {
    const conf = readFileSync(join(repoRoot, 'deploy', 'compose', 'nginx.conf'), 'utf8');
    const locations = new Map([...conf.matchAll(/location\s+(=\s+)?(\S+)\s*\{\s*proxy_pass\s+http:\/\/([a-z-]+):8080;/g)].map((m) => [`${m[1] ? '=' : ''}${m[2]}`, m[3]]));
    const ingress = production.find(({ doc }) => doc.kind === 'Ingress')!.doc;
    const expected = new Map<string, string>();
    for (const p of ingress.spec.rules[0].http.paths as Manifest[]) {
      expected.set(`=${p.path}`, p.backend.service.name);
      if (p.pathType === 'Prefix') expected.set(`${p.path}/`, p.backend.service.name);
    }
    expect(Object.fromEntries(locations)).toEqual(Object.fromEntries(expected));
    expect(conf).toMatch(/location \/ \{ return 404; \}/);
  });

  it('reports another command, a missing variable, an extra port, an unpinned image and a missing service', () => {
    const broken = structuredClone(compose);
    broken.services.token.command = ['dist/services/all-in-one/main.mjs'];
    delete broken.services.notifier.environment.METRICS_PORT;
    broken.services['channel-sms'].environment.SMS_TIMEOUT = '5';
    broken.services['consent-dispatcher'].expose.push('9229');
    broken.services.redis.image = 'redis';
    broken.services['auth-endpoint'].read_only = false;
    delete broken.services.migrate;
    expect(composeViolations(broken, production, secretKeys)).toEqual([
      'compose redis: image redis must be pinned to a tag other than latest',
      'compose migrate: missing: the manifests run Job ciba-migrate',
      'compose auth-endpoint: must run read_only with cap_drop ALL',
      'compose token: command ["dist/services/all-in-one/main.mjs"] is not the container\'s args ["dist/services/token/main.mjs"]',
      'compose consent-dispatcher: exposes ["8080","9229","9464"], the container ["8080","9464"]',
      'compose notifier: environment lacks METRICS_PORT',
      'compose channel-sms: environment has SMS_TIMEOUT, which the manifests do not set',
    ]);
  });
});
