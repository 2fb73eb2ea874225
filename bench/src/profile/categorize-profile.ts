/** Where a server's main-thread time goes, by the code that ran (issue 14). */
export const CATEGORIES = ['ours', 'http', 'prisma-pg', 'redis', 'kafka', 'json', 'crypto', 'gc', 'idle', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

interface Frame {
  functionName: string;
  url: string;
}

export interface ProfileLike {
  nodes: Array<{ id: number; callFrame: Frame; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

const PACKAGES: Array<[RegExp, Category]> = [
  [/^(express|router|body-parser|raw-body|content-type|type-is|qs|finalhandler|send|on-finished|iconv-lite|path-to-regexp|undici|koa|@koa\/[^/]+|koa-[^/]+|media-typer|mime-types|accepts|statuses|http-errors|negotiator)$/, 'http'],
  [/^(@prisma\/[^/]+|prisma|\.prisma|pg|pg-protocol|pg-pool|pg-types|postgres-[^/]+)$/, 'prisma-pg'],
  [/^(ioredis|bullmq|redis-parser|@ioredis\/[^/]+|cluster-key-slot|denque|msgpackr)$/, 'redis'],
  [/^kafkajs$/, 'kafka'],
  [/^(jose|oauth4webapi)$/, 'crypto'],
];

/**
 * The category of one frame with a script URL: the project's services/, libs/ and channels/ are ours;
 * node_modules packages and node:http / node:crypto internals by what they do; anything else is other.
 * Undefined for a frame without a URL (a V8 builtin or native) and for other node: internals (streams,
 * net, timers…): those take their caller's category (a socket write made by pg counts for prisma-pg).
 */
export function categoryOfUrl(url: string): Category | undefined {
  if (!url) return undefined;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return PACKAGES.find(([re]) => re.test(pkg))?.[1] ?? 'other';
  if (/^node:(_http_|https?$|internal\/http)/.test(url)) return 'http';
  if (/^node:(crypto$|internal\/crypto\/)/.test(url)) return 'crypto';
  // Generic plumbing (streams, sockets, timers, events, async hooks) counts for whoever used it.
  if (url.startsWith('node:')) return undefined;
  if (/\/(services|libs|channels)\//.test(url)) return 'ours';
  return 'other';
}

/**
 * Share of self time per category over one or more V8 CPU profiles (their times added). A sample's leaf
 * decides: `(garbage collector)` is gc, `(idle)` idle, the builtins `parse` / `stringify` json; other
 * builtins, natives and generic node: internals count for the nearest caller that has a category
 * (crypto's natives for node:crypto, a socket's writev for the pg or ioredis call that made it), other
 * when none has. Samples inside the bench's profiler preload are left out.
 */
export function categoryShares(profiles: ProfileLike[]): Record<Category, number> {
  const time = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let all = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // null: a sample of the bench's own profiler (starting / stopping it), left out of the shares.
    const memo = new Map<number, Category | null>();
    const categoryOf = (id: number): Category | null => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      const { functionName, url } = byId.get(id)!.callFrame;
      let category: Category | null;
      if (url.endsWith('profiler-preload.mjs')) category = null;
      else if (functionName === '(garbage collector)') category = 'gc';
      else if (functionName === '(idle)') category = 'idle';
      else if (!url && (functionName === 'parse' || functionName === 'stringify')) category = 'json';
      else category = categoryOfUrl(url) ?? (parent.has(id) && !functionName.startsWith('(') ? categoryOf(parent.get(id)!) : 'other');
      memo.set(id, category);
      return category;
    };
    profile.samples.forEach((id, i) => {
      const category = categoryOf(id);
      if (category === null) return;
      const w = Math.max(0, profile.timeDeltas[i] ?? 0);
      all += w;
      time[category] += w;
    });
  }
  return Object.fromEntries(CATEGORIES.map((c) => [c, all > 0 ? time[c] / all : Number.NaN])) as Record<Category, number>;
}
