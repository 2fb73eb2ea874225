import { categoryOfUrl, categoryShares } from '../../../src/profile/categorize-profile.ts';

describe('categoryOfUrl', () => {
  it.each([
    ['file:///w/services/token/src/routes/token/index.ts', 'ours'],
    ['file:///w/libs/event-bus/src/relay.ts', 'ours'],
    ['file:///w/channels/webhook/src/deliver.ts', 'ours'],
    ['file:///w/node_modules/express/lib/router/index.js', 'http'],
    ['node:_http_server', 'http'],
    ['file:///w/node_modules/undici/lib/core/request.js', 'http'],
    ['file:///w/node_modules/@prisma/client/runtime/client.js', 'prisma-pg'],
    ['file:///w/node_modules/pg-protocol/dist/parser.js', 'prisma-pg'],
    ['file:///w/node_modules/ioredis/built/Redis.js', 'redis'],
    ['file:///w/node_modules/bullmq/dist/cjs/classes/worker.js', 'redis'],
    ['file:///w/node_modules/kafkajs/src/consumer/index.js', 'kafka'],
    ['file:///w/node_modules/jose/dist/node/esm/jws/sign.js', 'crypto'],
    ['node:internal/crypto/hash', 'crypto'],
    ['file:///w/node_modules/zod/v4/core/parse.js', 'other'],
    ['node:internal/timers', undefined],
    ['node:net', undefined],
    ['', undefined],
  ])('%s → %s', (url, category) => {
    expect(categoryOfUrl(url)).toBe(category);
  });
});

describe('categoryShares', () => {
  const frame = (functionName: string, url = '') => ({ functionName, url });
  // root → handler (ours) → express → stringify (builtin); handler → digest (native under node:crypto); idle; GC
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 6, 7, 9] },
      { id: 2, callFrame: frame('handler', 'file:///w/services/token/src/h.ts'), children: [3, 5] },
      { id: 3, callFrame: frame('json', 'file:///w/node_modules/express/lib/response.js'), children: [4] },
      { id: 4, callFrame: frame('stringify') },
      { id: 5, callFrame: frame('hash', 'node:internal/crypto/hash'), children: [8] },
      { id: 6, callFrame: frame('(idle)') },
      { id: 7, callFrame: frame('(garbage collector)') },
      { id: 8, callFrame: frame('digest') },
      { id: 9, callFrame: frame('(program)') },
    ],
    samples: [2, 3, 4, 8, 6, 6, 7, 9],
    timeDeltas: [10, 10, 10, 10, 20, 20, 10, 10],
  };

  it('self time per category, natives to their caller, JSON builtins to json; several profiles add up', () => {
    const shares = categoryShares([profile]);
    expect(shares).toEqual({ ours: 0.1, http: 0.1, 'prisma-pg': 0, redis: 0, kafka: 0, json: 0.1, crypto: 0.1, gc: 0.1, idle: 0.4, other: 0.1 });
    expect(categoryShares([profile, { nodes: profile.nodes, samples: [2], timeDeltas: [100] }]).ours).toBeCloseTo(110 / 200);
  });

  it('generic node: internals and natives count for the caller that has a category; the profiler preload is left out', () => {
    const stacked = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5, 7] },
        { id: 2, callFrame: frame('query', 'file:///w/node_modules/pg/lib/client.js'), children: [3] },
        { id: 3, callFrame: frame('_writeGeneric', 'node:net'), children: [4] },
        { id: 4, callFrame: frame('writev') },
        { id: 5, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues'), children: [6] },
        { id: 6, callFrame: frame('runMicrotasks') },
        { id: 7, callFrame: frame('toggle', 'file:///w/bench/src/profile/profiler-preload.mjs') },
      ],
      samples: [4, 6, 7],
      timeDeltas: [30, 10, 50],
    };
    const shares = categoryShares([stacked]);
    expect([shares['prisma-pg'], shares.other]).toEqual([0.75, 0.25]);
  });

  it('an empty profile gives NaN shares, not zeros', () => {
    expect(categoryShares([{ nodes: [], samples: [], timeDeltas: [] }]).ours).toBeNaN();
  });
});
