import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Caller } from './authorization';
import { callerForSessionToken, SESSION_COOKIE } from './credentials';

/** The signed-in caller of the page being rendered, looked up once per request however often asked. */
export const currentCaller = cache(async (): Promise<Caller | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? callerForSessionToken(token, new Date()) : null;
});
