/** mulberry32: tiny, fast, and good enough to make demo data look unplanned. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  };
  return {
    next,
    int,
    pick,
    weighted,
    chance: (p: number): boolean => next() < p,
    between: (min: number, max: number): number => min + next() * (max - min),
    money: (min: number, max: number): number => Math.round((min + next() * (max - min)) * 100) / 100,
    id: (length: number): string =>
      Array.from({ length }, () => '0123456789abcdefghjkmnpqrstvwxyz'[int(0, 31)]).join(''),
  };
}

export type Rng = ReturnType<typeof createRng>;
