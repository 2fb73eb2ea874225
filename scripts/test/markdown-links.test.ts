import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownLinkProblems } from '../docs/markdown-link-problems.ts';

const repoRoot = join(__dirname, '..', '..');

describe('Markdown links', () => {
  it('every link in every Markdown file of the repository stays inside it and reaches a file (and heading) that exists', () => {
    expect(markdownLinkProblems(repoRoot)).toEqual([]);
  });

  describe('the checker, on a repository of its own', () => {
    let dir: string;
    beforeAll(() => {
      const parent = mkdtempSync(join(tmpdir(), 'md-links-'));
      dir = join(parent, 'repo');
      mkdirSync(join(dir, 'docs'), { recursive: true });
      mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
      writeFileSync(join(parent, 'outside.md'), '# Outside\n');
      writeFileSync(join(dir, 'docs', 'api.md'), '# API\n\n## Operator API\n\n## Operator API\n');
      writeFileSync(
        join(dir, 'README.md'),
        [
          '# Readme',
          '[spec](../shared/spec/interfaces.md) and [outside](../outside.md)',
          '[api](docs/api.md), [operators](docs/api.md#operator-api), [again](docs/api.md#operator-api-1), [here](#readme)',
          '[gone](docs/missing.md) [bad anchor](docs/api.md#nowhere) [web](https://example.com/x)',
          '`[in code](nowhere.md)`',
          '```',
          '[in a fence](nowhere.md)',
          '```',
          '[ref]: ../../elsewhere.md',
        ].join('\n'),
      );
      writeFileSync(join(dir, 'node_modules', 'pkg', 'README.md'), '[x](../../../../gone.md)\n');
    });
    afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

    it('names each link that leaves the repository, misses its file or its anchor; skips code, external links and node_modules', () => {
      expect(markdownLinkProblems(dir)).toEqual([
        'README.md:2: ../shared/spec/interfaces.md: leaves the repository',
        'README.md:2: ../outside.md: leaves the repository',
        'README.md:4: docs/missing.md: no such file',
        'README.md:4: docs/api.md#nowhere: no heading with anchor #nowhere',
        'README.md:9: ../../elsewhere.md: leaves the repository',
      ]);
    });
  });
});
