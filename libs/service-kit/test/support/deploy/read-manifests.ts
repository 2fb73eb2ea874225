import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { SourcedManifest } from './manifest.ts';

/** Every `*.yaml`/`*.yml` file below `dir`, recursively, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Parses a (multi-document) YAML text; syntax errors become violations instead of throwing. */
export function parseManifests(file: string, text: string): { manifests: SourcedManifest[]; violations: string[] } {
  const manifests: SourcedManifest[] = [];
  const violations: string[] = [];
  for (const document of parseAllDocuments(text)) {
    for (const error of document.errors) violations.push(`${file}: invalid YAML: ${error.message}`);
    const doc: unknown = document.toJS();
    if (doc !== null && doc !== undefined) manifests.push({ file, doc: doc as SourcedManifest['doc'] });
  }
  return { manifests, violations };
}

/** Reads every YAML file below `dir`; file names in the result are relative to `root`. */
export function readManifests(dir: string, root: string): { manifests: SourcedManifest[]; violations: string[] } {
  const all = { manifests: [] as SourcedManifest[], violations: [] as string[] };
  for (const file of yamlFiles(dir)) {
    const parsed = parseManifests(relative(root, file), readFileSync(file, 'utf8'));
    all.manifests.push(...parsed.manifests);
    all.violations.push(...parsed.violations);
  }
  return all;
}
