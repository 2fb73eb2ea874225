// The Lua scripts of the per-client poll bounds: each is one atomic round trip on Redis' own clock
// (TIME), so replicas with skewed clocks share one window. One hash per client: b, c, p the rate
// buckets (bucket number, its count, the previous bucket's count); sb, s the slow_down count's
// bucket and count; l the penalties so far, u the end of the current one (ms).

/** The part both scripts share: the clock, the arguments, the record, and `strike()`. ARGV: rate limit
 * (0 = off), rate window (ms), strikes (0 = off), strike window (ms), first penalty (ms), longest (ms). */
export const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local strikes, strikeWindow = tonumber(ARGV[3]), tonumber(ARGV[4])
local first, longest = tonumber(ARGV[5]), tonumber(ARGV[6])
local h = redis.call('HMGET', KEYS[1], 'b', 'c', 'p', 'sb', 's', 'l', 'u')
local untilMs = tonumber(h[7]) or 0
local function keep()
  redis.call('PEXPIRE', KEYS[1], math.max(window * 2, strikeWindow, untilMs - now) + longest)
end
-- one slow_down more; returns the penalty it starts (ms), or 0
local function strike()
  if strikes == 0 then return 0 end
  local bucket = math.floor(now / strikeWindow)
  local count = 0
  if tonumber(h[4]) == bucket then count = tonumber(h[5]) end
  count = count + 1
  if count < strikes then
    redis.call('HSET', KEYS[1], 'sb', bucket, 's', count)
    keep()
    return 0
  end
  -- a level is forgiven for each longest-penalty span of good behaviour since the last penalty ended
  local level = tonumber(h[6]) or 0
  if untilMs > 0 then level = math.max(0, level - math.floor((now - untilMs) / longest)) end
  level = level + 1
  local penalty = math.min(longest, first * 2 ^ (level - 1))
  untilMs = now + penalty
  redis.call('HSET', KEYS[1], 'sb', bucket, 's', 0, 'l', level, 'u', untilMs)
  keep()
  return penalty
end
`;

/**
 * `gate()`, after the prelude: returns 0, 0 when the poll may go on (counted), 1, ms for `slow_down`
 * (over the rate: counted as a slow_down, not as a poll), 2, ms left while on penalty.
 */
export const GATE_FUNCTION = `
local function gate()
  if untilMs > now then return 2, untilMs - now end
  if limit == 0 then return 0, 0 end
  local bucket = math.floor(now / window)
  local current, previous = 0, 0
  local b = tonumber(h[1])
  if b == bucket then
    current, previous = tonumber(h[2]), tonumber(h[3])
  elseif b == bucket - 1 then
    previous = tonumber(h[2])
  end
  local elapsed = now - bucket * window
  if previous * (window - elapsed) / window + current >= limit then
    local penalty = strike()
    if penalty > 0 then return 2, penalty end
    return 1, window - elapsed
  end
  redis.call('HSET', KEYS[1], 'b', bucket, 'c', current + 1, 'p', previous)
  keep()
  return 0, 0
end
`;

/** GATE. KEYS[1] the client's record. Returns {code, ms} as `gate()`. */
export const GATE_POLL = `${PRELUDE}${GATE_FUNCTION}
local code, ms = gate()
return {code, ms}
`;

/** SLOWED. KEYS[1] the client's record: one slow_down answered; returns the penalty it starts (ms), or 0. */
export const SLOWED_DOWN = `${PRELUDE}
return strike()
`;
