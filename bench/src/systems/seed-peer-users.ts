import { Redis } from 'ioredis';
import { loginHintKey, userKey, type StoredUser } from '../peer/accounts.ts';
import { benchUser } from './bench-users.ts';

/** Writes users [from, to) into the peer's Redis, in pipelined batches. */
export async function seedPeerUsers(redisUrl: string, from: number, to: number, webhookUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (let start = from; start < to; start += 2000) {
      const pipeline = redis.pipeline();
      for (let i = start; i < Math.min(to, start + 2000); i++) {
        const user = benchUser(i, webhookUrl);
        const stored: StoredUser = { sub: user.sub, claims: user.claims, channels: user.channels };
        pipeline.set(userKey(user.sub), JSON.stringify(stored));
        pipeline.set(loginHintKey(user.loginHint), user.sub);
      }
      await pipeline.exec();
    }
  } finally {
    redis.disconnect();
  }
}
