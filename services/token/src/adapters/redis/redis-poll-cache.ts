import type { Redis } from 'ioredis';
import type { CachedPoll, PendingGrantEntry, PollCache } from '../../domain/grants/poll-cache.ts';

/**
 * An entry lives at most this long (ms) after `rememberPending` wrote it; then one poll asks the
 * database and writes it again. It bounds how long an entry could outlive a lost mark (a Redis that
 * restarted empty between a mark and a racing write).
 */
const ENTRY_TTL_MS = 60_000;
/**
 * A mark lives this long (ms). It must outlast any write racing the decision's commit (a poll that
 * read "pending" just before it); the database answers for the grant once the mark has gone.
 */
const MARK_TTL_MS = 5 * 60_000;

/**
 * `cachedPoll()`, with the entry, the prefix of marks, the grant's pace, the client id and now (ms)
 * given as Lua expressions (the keys and arguments of the script it is part of). Entry fields: c
 * client, r request id, i interval (s), l last poll (ms, 0 = none), e expires (ms). The pace (i, l)
 * outlives the entry (until the grant expires), so what slow_down grew survives the entry's lapse;
 * without one the entry's i and l count. Returns 'pending' or 'slow_down' and the interval, or 'db'.
 */
export const cachedPollFunction = (entry: string, marks: string, pace: string, clientId: string, nowMs: string) => `
local function cachedPoll()
  local v = redis.call('HMGET', ${entry}, 'c', 'r', 'i', 'l', 'e')
  if v[1] ~= ${clientId} then return 'db' end
  local now = tonumber(${nowMs})
  if now >= tonumber(v[5]) then return 'db' end
  if redis.call('EXISTS', ${marks} .. v[2]) == 1 then return 'db' end
  local paced = redis.call('HMGET', ${pace}, 'i', 'l')
  local interval = tonumber(paced[1]) or tonumber(v[3])
  local last = tonumber(paced[2]) or tonumber(v[4])
  local answer = 'pending'
  if last > 0 and now < last + interval * 1000 then
    interval = interval + 5
    answer = 'slow_down'
  end
  redis.call('HSET', ${entry}, 'i', interval, 'l', now)
  redis.call('HSET', ${pace}, 'i', interval, 'l', now)
  redis.call('PEXPIREAT', ${pace}, v[5])
  return answer, interval
end
`;

/** KEYS[1] entry, KEYS[2] prefix of marks, KEYS[3] the grant's pace; ARGV client_id, now (ms). Returns {'pending'|'slow_down', interval} or {'db'}. */
const POLL = `${cachedPollFunction('KEYS[1]', 'KEYS[2]', 'KEYS[3]', 'ARGV[1]', 'ARGV[2]')}
local answer, interval = cachedPoll()
if answer == 'db' then return {'db'} end
return {answer, interval}
`;

/**
 * KEYS[1] entry, KEYS[2] the request's mark, KEYS[3] the grant's pace; ARGV client, request, the
 * database's interval, now (ms), expires (ms), entry ttl, the database's slow_down (1/0). A poll the
 * database answered, merged with the pace: too soon by either is slow_down; the interval is the
 * larger, grown by 5 when the pace found it too soon. Writes the pace, and the entry as REMEMBER
 * does. Returns {slow_down 1/0, interval}.
 */
const RECORD = `
local dbInterval, now = tonumber(ARGV[3]), tonumber(ARGV[4])
local slow = ARGV[7] == '1'
local interval = dbInterval
local pace = redis.call('HMGET', KEYS[3], 'i', 'l')
local paced, last = tonumber(pace[1]), tonumber(pace[2])
if paced and last then
  if last > 0 and now < last + paced * 1000 then
    slow = true
    interval = math.max(paced + 5, dbInterval)
  else
    interval = math.max(paced, dbInterval)
  end
end
redis.call('HSET', KEYS[3], 'i', interval, 'l', now)
redis.call('PEXPIREAT', KEYS[3], ARGV[5])
if redis.call('EXISTS', KEYS[1], KEYS[2]) == 0 then
  redis.call('HSET', KEYS[1], 'c', ARGV[1], 'r', ARGV[2], 'i', interval, 'l', now, 'e', ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
end
return {slow and 1 or 0, interval}
`;

/** KEYS[1] entry, KEYS[2] the request's mark; ARGV client, request, interval, last poll, expires, ttl. */
const REMEMBER = `
if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'r', ARGV[2], 'i', ARGV[3], 'l', ARGV[4], 'e', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`;

interface PollCacheCommands {
  cibaPoll(entry: string, marks: string, pace: string, clientId: string, now: number): Promise<[string, number?]>;
  cibaRecordPoll(entry: string, mark: string, pace: string, clientId: string, requestId: string, interval: number, now: number, expires: number, ttl: number, slowDown: 0 | 1): Promise<[number, number]>;
  cibaRemember(entry: string, mark: string, clientId: string, requestId: string, interval: number, lastPoll: number, expires: number, ttl: number): Promise<number>;
}

/**
 * The poll cache on Redis: one Lua script per poll or write, so each is one atomic round trip. While
 * the connection is not ready (Redis down, reconnecting), polls and entry writes do not wait for it:
 * polls go to the database (the connection queues commands until it is back, which would hang them).
 * A decision's mark does wait: it must be in place before the decision commits.
 */
export function redisPollCache(redis: Redis, namespace: string): PollCache {
  const commands = redis as Redis & PollCacheCommands;
  if (!('cibaPoll' in redis)) {
    redis.defineCommand('cibaPoll', { numberOfKeys: 3, lua: POLL });
    redis.defineCommand('cibaRecordPoll', { numberOfKeys: 3, lua: RECORD });
    redis.defineCommand('cibaRemember', { numberOfKeys: 2, lua: REMEMBER });
  }
  const { entryKey, marks, paceKey } = pollCacheKeys(namespace);
  return {
    async poll(authReqIdHash, clientId, now): Promise<CachedPoll> {
      if (redis.status !== 'ready') return null;
      const [outcome, interval] = await commands.cibaPoll(entryKey(authReqIdHash), marks, paceKey(authReqIdHash), clientId, now.getTime());
      return outcome === 'pending' || outcome === 'slow_down' ? { outcome, interval: Number(interval) } : null;
    },
    async rememberPending(entry: PendingGrantEntry, now) {
      const left = entry.expiresAt.getTime() - now.getTime();
      if (left <= 0 || redis.status !== 'ready') return;
      await commands.cibaRemember(
        entryKey(entry.authReqIdHash),
        marks + entry.requestId,
        entry.clientId,
        entry.requestId,
        entry.interval,
        entry.lastPolledAt?.getTime() ?? 0,
        entry.expiresAt.getTime(),
        Math.min(left, ENTRY_TTL_MS),
      );
    },
    async recordPoll(entry, now, db) {
      const left = entry.expiresAt.getTime() - now.getTime();
      if (left <= 0 || redis.status !== 'ready') return null;
      const [slow, interval] = await commands.cibaRecordPoll(
        entryKey(entry.authReqIdHash),
        marks + entry.requestId,
        paceKey(entry.authReqIdHash),
        entry.clientId,
        entry.requestId,
        db.interval,
        now.getTime(),
        entry.expiresAt.getTime(),
        Math.min(left, ENTRY_TTL_MS),
        db.slowDown ? 1 : 0,
      );
      return { slowDown: slow === 1, interval: Number(interval) };
    },
    async markDecided(requestId) {
      await redis.set(marks + requestId, '1', 'PX', MARK_TTL_MS);
    },
  };
}

/** The poll cache's keys under `namespace`: a grant's entry and pace, and the prefix of decision marks. */
export function pollCacheKeys(namespace: string) {
  return {
    entryKey: (authReqIdHash: string) => `${namespace}:token:poll:${authReqIdHash}`,
    marks: `${namespace}:token:decided:`,
    paceKey: (authReqIdHash: string) => `${namespace}:token:pace:${authReqIdHash}`,
  };
}
