// The Lua scripts of the prompt limits: each check-and-count is one atomic round trip, on Redis' own
// clock (TIME), so replicas with skewed clocks share one window.

/**
 * KEYS[1] the (client, user) pending mark, KEYS[2] the user's log (sorted set: request id by
 * acceptance time, ms), KEYS[3] the client's counter (hash: b bucket number, c its count, p the
 * previous bucket's count). ARGV: request id, pending ttl (ms, 0 = off), user limit (0 = off), user
 * window (ms), client limit (0 = off), client window (ms).
 * Returns {0, bucket} when accepted and counted; {1 | 2 | 3, ms to wait} when the pending mark, the
 * user's or the client's limit refuses it, and then nothing is counted.
 */
export const RESERVE_PROMPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pendingTtl, userLimit, userWindow = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local clientLimit, clientWindow = tonumber(ARGV[5]), tonumber(ARGV[6])
if pendingTtl > 0 then
  local left = redis.call('PTTL', KEYS[1])
  if left > 0 then return {1, left} end
end
if userLimit > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - userWindow)
  local count = redis.call('ZCARD', KEYS[2])
  if count >= userLimit then
    local freed = redis.call('ZRANGE', KEYS[2], count - userLimit, count - userLimit, 'WITHSCORES')
    return {2, math.max(1, tonumber(freed[2]) + userWindow - now)}
  end
end
local bucket, current, previous = 0, 0, 0
if clientLimit > 0 then
  bucket = math.floor(now / clientWindow)
  local h = redis.call('HMGET', KEYS[3], 'b', 'c', 'p')
  local b = tonumber(h[1])
  if b == bucket then
    current, previous = tonumber(h[2]), tonumber(h[3])
  elseif b == bucket - 1 then
    previous = tonumber(h[2])
  end
  local elapsed = now - bucket * clientWindow
  if previous * (clientWindow - elapsed) / clientWindow + current >= clientLimit then
    local wait = clientWindow - elapsed
    if current < clientLimit and previous > 0 then
      wait = math.floor(clientWindow - (clientLimit - current) * clientWindow / previous) - elapsed + 1
    end
    return {3, math.max(1, wait)}
  end
end
if pendingTtl > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', pendingTtl) end
if userLimit > 0 then
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], userWindow)
end
if clientLimit > 0 then
  redis.call('HSET', KEYS[3], 'b', bucket, 'c', current + 1, 'p', previous)
  redis.call('PEXPIRE', KEYS[3], clientWindow * 2)
end
return {0, bucket}
`;

/**
 * Takes back what RESERVE_PROMPT counted for a request that was not stored. KEYS as RESERVE_PROMPT's;
 * ARGV: request id, the bucket it returned. The pending mark goes only if it is still this request's.
 */
export const RELEASE_PROMPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
local bucket = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[3], 'b', 'c', 'p')
local b = tonumber(h[1])
if b == bucket and tonumber(h[2]) > 0 then redis.call('HINCRBY', KEYS[3], 'c', -1) end
if b == bucket + 1 and tonumber(h[3]) > 0 then redis.call('HINCRBY', KEYS[3], 'p', -1) end
return 1
`;

/** KEYS[1] a (client, user) pending mark; ARGV[1] a request id: removes the mark if it is that request's. */
export const SETTLE_PROMPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
