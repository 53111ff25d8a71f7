import { expect, it } from 'vitest';
import { Prisma } from './generated/client';
import { statement } from './sql';

const ECHO = statement<{ a: number; b: string | null }>(
  (args) => Prisma.sql`SELECT ${args.a}::int AS a, ${args.a}::int + ${10}::int AS a_plus_ten, ${args.b}::text AS b`,
);

it('fills every slot from each call’s arguments, and keeps the values given when it was built', async () => {
  expect(await ECHO.rows({ a: 1, b: 'one' })).toEqual([{ a: 1, a_plus_ten: 11, b: 'one' }]);
  expect(await ECHO.rows({ a: 2, b: null })).toEqual([{ a: 2, a_plus_ten: 12, b: null }]);
});
