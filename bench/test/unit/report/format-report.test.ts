import { compare } from '../../../src/report/compare.ts';
import { formatReport } from '../../../src/report/format-report.ts';
import { summarize } from '../../../src/report/summarize.ts';
import { checkTargets } from '../../../src/report/targets.ts';
import { sample } from '../../support/sample.ts';

describe('formatReport', () => {
  const rows = summarize([
    sample({ opsPerSec: 300, p50: 4, p99: 12, cpuPerOp: { server: 0.0015, server_main: 0.001, postgres: 0.001, redis: 0.0005, driver: 0.0002 }, storePerOp: { pg_commits: 2, pg_wal_syncs: 0.5, redis_commands: 7 } }),
    sample({ system: 'oidc-provider', opsPerSec: 150, p50: 8, p99: 40, errors: 2, errorKinds: { '500 server_error': 2 }, cpuPerOp: { server: 0.003, redis: 0.0002, driver: 0.0002 }, storePerOp: { redis_commands: 6 } }),
  ]);
  const comparisons = compare(rows);
  const text = formatReport(rows, comparisons, checkTargets(rows, comparisons));
  const lines = text.split('\n');

  it('one line per workload and system with medians, CPU ms/op and the ratio on our line', () => {
    expect(lines[0]).toMatch(/^workload\s+system\s+ops\/s\s+spread\s+p50 ms\s+p99 ms\s+errors\s+CPU ms\/op server\s+event loop\s+stores\s+driver\s+ours\/peer$/);
    expect(lines[2]).toMatch(/^bc-authorize\s+ours\s+300\s+±0%\s+4\.0\s+12\.0\s+0\s+1\.50\s+1\.00\s+1\.50\s+0\.20\s+2\.00×$/);
    expect(lines[3]).toMatch(/^bc-authorize\s+oidc-provider\s+150\s+±0%\s+8\.0\s+40\.0\s+2\s+3\.00\s+–\s+0\.20\s+0\.20$/);
  });

  it('CPU ms per operation of every process and their sum', () => {
    expect(text).toMatch(/workload\s+system\s+server\s+of it event loop\s+PostgreSQL\s+redis-server\s+bench process\s+all processes/);
    expect(text).toMatch(/bc-authorize\s+ours\s+1\.50\s+1\.00\s+1\.00\s+0\.50\s+0\.20\s+3\.20/);
  });

  it('store costs per operation, the error kinds, and a PASS/MISS line per target', () => {
    expect(text).toMatch(/bc-authorize\s+ours\s+2\.00\s+0\.50\s+7\.0\s+1\.00\s+0\.50/);
    expect(text).toContain('  bc-authorize oidc-provider: 500 server_error ×2');
    expect(lines.slice(-2)).toEqual(['PASS  bc-authorize sustained req/s ≥ 1.5× oidc-provider: measured 2.00', 'PASS  bc-authorize p99 < 30 ms (ours): measured 12.0']);
  });
});
