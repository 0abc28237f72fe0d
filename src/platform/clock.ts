/** Time as a dependency, so due dates and expiry can be tested at a fixed instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  at: Date | string,
): Clock & { set(at: Date | string): void; advanceDays(n: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advanceDays: (n) => {
      current = new Date(current.getTime() + n * 86_400_000);
    },
  };
}
