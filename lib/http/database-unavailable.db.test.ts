import { PrismaPg } from '@prisma/adapter-pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../db/database-errors';
import { PrismaClient } from '../db/generated/client';
import { toErrorResponse } from './api-route';

/** An error exactly as the Prisma client raises it when nothing listens on the database port. */
async function refusedConnectionError(): Promise<unknown> {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: 'postgres://postgres@127.0.0.1:9/none' }),
  });
  try {
    await client.$queryRaw`SELECT 1`;
  } catch (error) {
    return error;
  } finally {
    await client.$disconnect().catch(() => {});
  }
  throw new Error('expected the query to fail');
}

describe('a database that cannot be reached', () => {
  it('is recognised as unavailable, not as a bug', async () => {
    expect(isDatabaseUnavailable(await refusedConnectionError())).toBe(true);
    expect(isDatabaseUnavailable(new Error('column "x" does not exist'))).toBe(false);
  });

  it('answers 503 unavailable with Retry-After and no stack trace', async () => {
    const response = toErrorResponse(await refusedConnectionError(), new Request('http://localhost/v1/x'), 'req-1');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('x-request-id')).toBe('req-1');
    const body = await response.json();
    expect(body.detail.code).toBe('unavailable');
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|\.ts:\d+/);
  });
});
