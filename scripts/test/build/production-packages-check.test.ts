import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { packageOf, productionPackagesCheck } from '../../build/production-packages-check.ts';

const output = (...imports: Array<{ path: string; external?: boolean }>): Metafile['outputs'][string] => ({
  bytes: 1,
  inputs: {},
  exports: [],
  imports: imports.map((i) => ({ path: i.path, kind: 'import-statement' as const, external: i.external ?? true })),
});

describe('productionPackagesCheck', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lock-'));
    const packages = {
      '': {},
      'node_modules/express': {},
      'node_modules/@prisma/client': {},
      'node_modules/tsx': { dev: true },
      'node_modules/prisma': { devOptional: true },
      'node_modules/msgpackr-extract': { optional: true },
    };
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts built-ins, bundled files and packages the production prune keeps', () => {
    const metafile = { inputs: {}, outputs: { 'dist/a.mjs': output({ path: 'node:fs' }, { path: 'crypto' }, { path: 'express' }, { path: '@prisma/client/runtime/client' }, { path: 'libs/x.ts', external: false }) } };
    expect(productionPackagesCheck(root, metafile)).toEqual([]);
  });

  it('names each external package the image would lack: uninstalled, development-only, optional', () => {
    const metafile = { inputs: {}, outputs: { 'dist/a.mjs': output({ path: 'left-pad' }, { path: 'tsx/esm' }, { path: 'prisma' }, { path: 'msgpackr-extract' }) } };
    expect(productionPackagesCheck(root, metafile)).toEqual([
      'dist/a.mjs imports left-pad, which package-lock.json does not install at node_modules/left-pad',
      "dist/a.mjs imports tsx, which the image's npm prune --omit=dev --omit=optional removes: make it a dependency of the workspace that imports it",
      "dist/a.mjs imports prisma, which the image's npm prune --omit=dev --omit=optional removes: make it a dependency of the workspace that imports it",
      "dist/a.mjs imports msgpackr-extract, which the image's npm prune --omit=dev --omit=optional removes: make it a dependency of the workspace that imports it",
    ]);
  });

  it('packageOf: the package of a deep or scoped specifier', () => {
    expect([packageOf('express/lib/router'), packageOf('@prisma/client/runtime/client'), packageOf('zod')]).toEqual(['express', '@prisma/client', 'zod']);
  });
});
