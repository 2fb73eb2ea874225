// The Lua scripts of the user_code attempt limit: each step is one atomic round trip on Redis' own
// clock (TIME). The record (a hash): a attempts counted since the last right code or lockout, l the
// lockouts so far, u the end of the current lockout (ms). It lives `memory` ms past its last change
// (and past its lockout's end).

/**
 * BEGIN. KEYS[1] the record; ARGV limit, first lockout (ms), longest lockout (ms), memory (ms).
 * Returns {0, 0} when the code may be checked (the attempt is counted), {1, ms left} while locked
 * out. Attempts in flight count, so concurrent guesses beyond the limit are refused and lock.
 */
export const BEGIN_USER_CODE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, first, longest, memory = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'a', 'l', 'u')
local attempts, lockouts, untilMs = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0
if untilMs > now then return {1, untilMs - now} end
if attempts >= limit then
  lockouts = lockouts + 1
  local lockout = math.min(longest, first * 2 ^ (lockouts - 1))
  redis.call('HSET', KEYS[1], 'a', 0, 'l', lockouts, 'u', now + lockout)
  redis.call('PEXPIRE', KEYS[1], lockout + memory)
  return {1, lockout}
end
redis.call('HSET', KEYS[1], 'a', attempts + 1)
redis.call('PEXPIRE', KEYS[1], math.max(untilMs - now, 0) + memory)
return {0, 0}
`;

/**
 * FAILED. KEYS[1] the record; ARGV as BEGIN's. The wrong code stays counted; when it was the last the
 * limit allows, the lockout starts now (doubling each time, up to the longest). Returns the lockout, ms (0: none).
 */
export const FAILED_USER_CODE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, first, longest, memory = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'a', 'l', 'u')
local attempts, lockouts, untilMs = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0
if untilMs > now or attempts < limit then return 0 end
lockouts = lockouts + 1
local lockout = math.min(longest, first * 2 ^ (lockouts - 1))
redis.call('HSET', KEYS[1], 'a', 0, 'l', lockouts, 'u', now + lockout)
redis.call('PEXPIRE', KEYS[1], lockout + memory)
return lockout
`;

/** ABANDON. KEYS[1] the record: takes back an attempt whose code could not be checked. */
export const ABANDON_USER_CODE = `
local attempts = tonumber(redis.call('HGET', KEYS[1], 'a'))
if attempts and attempts > 0 then redis.call('HINCRBY', KEYS[1], 'a', -1) end
return 1
`;
