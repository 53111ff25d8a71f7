'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, for relative times that must stay true while a
 * page stays open all day ("12 min left" becoming "11 min left", an expired claim disappearing).
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
