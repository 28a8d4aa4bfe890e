/**
 * TimerWheel tracks one deadline per key in fixed-width slots, so one
 * periodic sweep expires every due key without a timer per key.
 */
export interface TimerWheel {
  /** set (re)schedules a key's deadline (epoch ms). */
  set(key: string, deadline: number): void;
  delete(key: string): void;
  /** expire removes and returns every key whose slot is due at `now`. */
  expire(now: number): string[];
  readonly size: number;
}

/** createTimerWheel makes a wheel with `slotMs`-wide slots. */
export function createTimerWheel(slotMs: number): TimerWheel {
  const slots = new Map<number, Set<string>>();
  const slotOf = new Map<string, number>();
  let swept = Math.floor(Date.now() / slotMs);
  const remove = (key: string) => {
    const s = slotOf.get(key);
    if (s === undefined) return;
    slotOf.delete(key);
    const set = slots.get(s);
    set?.delete(key);
    if (set && set.size === 0) slots.delete(s);
  };
  return {
    set(key, deadline) {
      const s = Math.max(Math.ceil(deadline / slotMs), swept + 1);
      if (slotOf.get(key) === s) return;
      remove(key);
      slotOf.set(key, s);
      let set = slots.get(s);
      if (!set) slots.set(s, (set = new Set()));
      set.add(key);
    },
    delete: remove,
    expire(now) {
      const due: string[] = [];
      const upTo = Math.floor(now / slotMs);
      if (upTo - swept > slots.size) {
        for (const s of [...slots.keys()].filter((k) => k <= upTo).sort((a, b) => a - b)) take(s);
      } else {
        for (let s = swept + 1; s <= upTo; s++) take(s);
      }
      swept = Math.max(swept, upTo);
      return due;
      function take(s: number) {
        const set = slots.get(s);
        if (!set) return;
        slots.delete(s);
        for (const key of set) {
          slotOf.delete(key);
          due.push(key);
        }
      }
    },
    get size() {
      return slotOf.size;
    },
  };
}
