import { boundOf } from '../../../src/scale/scale-step.ts';

describe('boundOf', () => {
  it('machine CPU when the cores are all busy', () => {
    expect(boundOf({ cores: { server: 1.0, postgres: 0.9 }, ok: 100 }, 2)).toBe('machine CPU (1.90 of 2 cores; most: server 1.00)');
  });

  it('one single-threaded process at a full core', () => {
    expect(boundOf({ cores: { server: 0.95, driver: 0.3 }, ok: 100 }, 2)).toBe('server CPU (0.95 core, single-threaded)');
  });

  it('PostgreSQL commits and event-bus lag are named alongside', () => {
    expect(boundOf({ cores: { server: 0.5 }, walFlushesPerSec: 350, commitRate1: 400, promptBacklog: 20, ok: 100 }, 2)).toBe(
      'PostgreSQL WAL flushes (350/s vs 400/s for one pgbench client); event-bus lag (20 of 100 prompts still undelivered when the load stopped)',
    );
  });

  it('nothing saturated', () => {
    expect(boundOf({ cores: { server: 0.3 }, promptBacklog: 1, ok: 100 }, 2)).toBe('nothing saturated (0.30 cores busy): latency-bound at this concurrency');
  });
});

describe('boundOf with the event-loop thread', () => {
  it('names the server event loop when its main thread is at a full core, counting server_main once', () => {
    expect(boundOf({ cores: { server: 1.2, server_main: 0.9, redis: 0.1 }, ok: 100 }, 2)).toBe('server event loop (main thread 0.90 core)');
    expect(boundOf({ cores: { server: 1.0, server_main: 0.8, postgres: 0.85 }, ok: 100 }, 2)).toBe('machine CPU (1.85 of 2 cores; most: server 1.00)');
  });
});
