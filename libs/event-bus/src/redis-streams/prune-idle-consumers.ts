import type { Redis } from 'ioredis';

/** Atomic, so a consumer that reads between the check and the delete cannot lose its pending entries. */
const PRUNE = `
local pruned = 0
for _, flat in ipairs(redis.call('xinfo', 'consumers', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #flat, 2 do info[flat[i]] = flat[i + 1] end
  if info['name'] ~= ARGV[2] and tonumber(info['pending']) == 0 and tonumber(info['idle']) > tonumber(ARGV[3]) then
    redis.call('xgroup', 'delconsumer', KEYS[1], ARGV[1], info['name'])
    pruned = pruned + 1
  end
end
return pruned`;

/**
 * Deletes the group's consumers on `stream` that hold nothing and have been idle longer than
 * `idleMs` (members that closed or crashed long ago; every process start names a new one), so the
 * group's consumer list does not grow forever. A live member whose record is removed gets a new
 * one on its next read; one with pending entries is never removed, so nothing is dropped.
 */
export async function pruneIdleConsumers(redis: Redis, stream: string, group: string, self: string, idleMs: number): Promise<number> {
  return Number(await redis.eval(PRUNE, 1, stream, group, self, idleMs));
}
