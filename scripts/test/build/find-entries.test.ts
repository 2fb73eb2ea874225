import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEntries } from '../../build/find-entries.ts';

describe('findEntries', () => {
  let root: string;
  const main = (path: string) => {
    mkdirSync(join(root, path, 'src'), { recursive: true });
    writeFileSync(join(root, path, 'src', 'main.ts'), '');
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'entries-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds every <folder>/<name>/src/main.ts, a tool added later included, plus the migration command', () => {
    main('services/token');
    main('services/all-in-one');
    main('channels/webhook');
    main('examples/chat-channel');
    main('tools/events-monitor');
    mkdirSync(join(root, 'tools', 'kafka'), { recursive: true }); // a folder without a main is no program
    mkdirSync(join(root, 'libs', 'service-kit', 'src'), { recursive: true });
    writeFileSync(join(root, 'libs', 'service-kit', 'src', 'main.ts'), ''); // libraries are not programs
    expect(findEntries(root)).toEqual([
      { source: 'services/all-in-one/src/main.ts', output: 'services/all-in-one/main' },
      { source: 'services/token/src/main.ts', output: 'services/token/main' },
      { source: 'channels/webhook/src/main.ts', output: 'channels/webhook/main' },
      { source: 'examples/chat-channel/src/main.ts', output: 'examples/chat-channel/main' },
      { source: 'tools/events-monitor/src/main.ts', output: 'tools/events-monitor/main' },
      { source: 'services/all-in-one/src/migrate.ts', output: 'migrate' },
    ]);
  });
});
