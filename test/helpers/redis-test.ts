import { Redis } from 'ioredis';
import { expect, it } from 'vitest';

/** Redis for tests: `TEST_REDIS_URL`, else the development machines' and CI's (127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether a test file's Redis tests run (call at its top level, then `describe.skipIf(!ok)`), as
 * requirePostgres: outside CI a missing Redis skips loudly; under CI a failing test says so.
 */
export async function requireRedis(url = TEST_REDIS_URL): Promise<boolean> {
  if (await redisReachable(url)) return true;
  const message = `Redis not reachable at ${url}: install redis-server and start it (127.0.0.1:6379), or set TEST_REDIS_URL`;
  if (process.env.CI === 'true' || process.env.CI === '1') it('Redis is reachable (CI)', () => expect.fail(message));
  else console.warn(`\n⚠ SKIPPED: ${message}\n`);
  return false;
}
