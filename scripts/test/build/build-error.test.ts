import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BuildError, buildDist } from '../../build/build-dist.ts';

// buildDist on a throw-away repository: what makes `npm run build` fail (it exits 1 with the message).
// esbuild starts a service process on first use: generous timeouts for a loaded machine.
jest.setTimeout(90_000);

describe('buildDist failures', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-'));
    write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': {} } }));
    write('services/all-in-one/src/migrate.ts', "export const ok: number = 1;\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('an esbuild error fails the build, naming the program and the place', async () => {
    write('services/broken/src/main.ts', "const ok = 1;\nconst = ;\n");
    const failed = await buildDist(root, join(root, 'out')).then(() => undefined, (err: unknown) => err);
    expect(String((failed as Error)?.stack ?? failed)).toMatch(/^BuildError: services\/broken\/src\/main\.ts: services\/broken\/src\/main\.ts:2: /);
    expect(failed).toBeInstanceOf(BuildError);
  });

  it('an import that resolves nowhere fails the build', async () => {
    write('services/lonely/src/main.ts', "import { x } from 'not-installed-anywhere';\nconsole.log(x);\n");
    await expect(buildDist(root, join(root, 'out'))).rejects.toThrow(/services\/lonely\/src\/main\.ts: .*not-installed-anywhere/);
  });

  it('__dirname in a program means the same repository-relative folder under the out dir', async () => {
    write('services/plain/src/main.ts', "import { join } from 'node:path';\nexport const here = join(__dirname, '..', 'prisma', 'migrations');\n");
    const result = await buildDist(root, join(root, 'out'));
    expect(result.entries.map((e) => e.output)).toEqual(['services/plain/main', 'migrate']);
    const { here } = (await import(join(root, 'out', 'services', 'plain', 'main.mjs'))) as { here: string };
    expect(here).toBe(join(root, 'out', 'services', 'plain', 'prisma', 'migrations'));
  });
});
