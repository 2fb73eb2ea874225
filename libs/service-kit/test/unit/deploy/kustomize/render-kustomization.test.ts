// The in-repo kustomize subset on small trees: what it renders (the first tree's expectations are what
// kubectl kustomize 5.5 renders for it, less the Secret's hash suffix), and that it refuses what it does not implement.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyJsonPatch } from '../../../support/deploy/kustomize/json-patch.ts';
import { renderKustomization } from '../../../support/deploy/kustomize/render-kustomization.ts';
import { strategicMerge } from '../../../support/deploy/kustomize/strategic-merge.ts';
import { imageName } from '../../../support/deploy/kustomize/transformers.ts';

let dir: string;
const write = (files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
};
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ciba-render-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - {name: web, image: ciba/server, env: [{name: A, value: "1"}]}
`;

it('renders resources, then components (which patch everything so far), then generators, patches, namespace, labels, replicas, images', () => {
  write({
    'base/kustomization.yaml': 'resources: [web.yaml, config.yaml]\nlabels: [{pairs: {team: ciba}}]\n',
    'base/web.yaml': deployment,
    'base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {KEEP: "1", DROP: "2"}\n',
    'comp/kustomization.yaml': 'kind: Component\nresources: [extra.yaml]\npatches:\n  - path: drop.yaml\n  - target: {kind: Deployment, name: ^w.b$}\n    patch: |-\n      - {op: add, path: /spec/template/spec/containers/0/args, value: [main.mjs]}\n',
    'comp/extra.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}\n',
    'comp/drop.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {DROP: null}\n',
    'overlay/kustomization.yaml': [
      'namespace: prod', 'resources: [../base]', 'components: [../comp]',
      'secretGenerator: [{name: s, literals: [K=v]}]',
      'patches:', '  - patch: |-', '      apiVersion: apps/v1', '      kind: Deployment', '      metadata: {name: web}',
      '      spec: {template: {spec: {containers: [{name: web, env: [{name: B, value: "2"}]}]}}}',
      'replicas: [{name: web, count: 3}]', 'images: [{name: ciba/server, newName: reg.example:5000/ciba/server, newTag: "1.2"}]', '',
    ].join('\n'),
  });
  const out = renderKustomization(join(dir, 'overlay'));
  expect(out.map((d) => `${d.kind}/${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual(['Deployment/prod/web', 'ConfigMap/prod/cfg', 'ServiceAccount/prod/web', 'Secret/prod/s']);
  const [web, cfg, account, secret] = out;
  expect(web?.metadata?.labels).toEqual({ team: 'ciba' });
  expect(account?.metadata?.labels).toBeUndefined();
  expect(web?.spec.replicas).toBe(3);
  expect(web?.spec.template.spec.containers[0]).toEqual({ name: 'web', image: 'reg.example:5000/ciba/server:1.2', args: ['main.mjs'], env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] });
  expect(cfg?.data).toEqual({ KEEP: '1' });
  expect(secret?.data).toEqual({ K: Buffer.from('v').toString('base64') });
});

it('refuses a field it does not implement, an untargeted patch that matches nothing, and a duplicate', () => {
  write({ 'a/kustomization.yaml': 'resources: [web.yaml]\ncommonLabels: {x: y}\n', 'a/web.yaml': deployment });
  expect(() => renderKustomization(join(dir, 'a'))).toThrow('commonLabels is not supported by this renderer');
  write({ 'b/kustomization.yaml': 'resources: [web.yaml]\npatches: [{path: p.yaml}]\n', 'b/web.yaml': deployment, 'b/p.yaml': 'kind: ConfigMap\nmetadata: {name: nope}\n' });
  expect(() => renderKustomization(join(dir, 'b'))).toThrow('no ConfigMap nope to patch');
  write({ 'c/kustomization.yaml': 'resources: [web.yaml, web2.yaml]\n', 'c/web.yaml': deployment, 'c/web2.yaml': deployment });
  expect(() => renderKustomization(join(dir, 'c'))).toThrow('Deployment//web is defined twice');
});

it('JSON patch: add to a list end, replace, remove, and a path that does not resolve', () => {
  const doc = { a: [1, 2], b: { c: 1 } };
  expect(applyJsonPatch(doc, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'replace', path: '/b/c', value: 2 }, { op: 'remove', path: '/a/0' }])).toEqual({ a: [2, 3], b: { c: 2 } });
  expect(doc).toEqual({ a: [1, 2], b: { c: 1 } });
  expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/b/d', value: 1 }])).toThrow('nothing there');
  expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/x/y', value: 1 }])).toThrow('x does not exist');
});

it('strategic merge: null removes, named lists merge by name (new items first, as kustomize), other lists are replaced', () => {
  expect(strategicMerge({ a: 1, b: 2, l: [1, 2], c: [{ name: 'x', v: 1 }] }, { b: null, l: [3], c: [{ name: 'x', w: 2 }, { name: 'y' }] }))
    .toEqual({ a: 1, l: [3], c: [{ name: 'y' }, { name: 'x', v: 1, w: 2 }] });
});

it('image names: a registry port is not a tag', () => {
  expect(imageName('reg.example:5000/ciba/server:1.2')).toBe('reg.example:5000/ciba/server');
  expect(imageName('reg.example:5000/ciba/server')).toBe('reg.example:5000/ciba/server');
  expect(imageName('ciba/server@sha256:abc')).toBe('ciba/server');
});
