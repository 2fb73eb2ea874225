import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { kustomizationReferences } from './kustomization-references.ts';
import type { Manifest } from './manifest.ts';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const kustomizationIn = (dir: string) => KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));

/**
 * Rules for every kustomization below `k8sDir`: each listed path is local and exists (folders hold
 * a kustomization; components are `kind: Component`), every YAML file is listed by the
 * kustomization of its folder (no dead manifests), and every component has a README.md.
 */
export function kustomizationViolations(k8sDir: string): string[] {
  const out: string[] = [];
  const name = (p: string) => relative(k8sDir, p) || '.';
  const folders = readdirSync(k8sDir, { withFileTypes: true, recursive: true }).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
  for (const dir of [k8sDir, ...folders]) {
    const yamls = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !KUSTOMIZATION_FILES.includes(f));
    const file = kustomizationIn(dir);
    if (!file) {
      for (const y of yamls) out.push(`${name(join(dir, y))}: not part of any kustomization`);
      continue;
    }
    const k = (parse(readFileSync(file, 'utf8')) ?? {}) as Manifest;
    const at = (rule: string) => out.push(`${name(file)}: ${rule}`);
    const inComponents = name(dir).split(sep)[0] === 'components';
    if (inComponents && k.kind !== 'Component') at('a kustomization under components/ must be kind: Component');
    if (inComponents && !existsSync(join(dir, 'README.md'))) at('component has no README.md');

    const refs = kustomizationReferences(dir, k);
    for (const r of refs) {
      if (/^[a-z]+:\/\/|\?ref=|^github\.com\//i.test(r.ref)) { at(`${r.field}: ${r.ref} is remote; keep one local manifest source`); continue; }
      if (!existsSync(r.path)) { at(`${r.field}: ${r.ref} does not exist`); continue; }
      if (statSync(r.path).isDirectory()) {
        const target = kustomizationIn(r.path);
        if (!r.folderAllowed || !target) { at(`${r.field}: ${r.ref} is a folder without a kustomization`); continue; }
        const kind = ((parse(readFileSync(target, 'utf8')) ?? {}) as Manifest).kind ?? 'Kustomization';
        if (r.field === 'components' && kind !== 'Component') at(`components: ${r.ref} is not a kind: Component`);
        if (r.field === 'resources' && kind === 'Component') at(`resources: ${r.ref} is a Component; list it under components`);
      }
    }
    const listed = new Set(refs.filter((r) => dirname(r.path) === dir).map((r) => basename(r.path)));
    for (const y of yamls) if (!listed.has(y)) out.push(`${name(join(dir, y))}: not listed in ${name(file)}`);
  }
  return out;
}
