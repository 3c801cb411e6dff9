import type { Trx } from './database.ts';

/** Writes one kind of row (a module-level function, so the same one each time): everything held for it at once. */
export type HeldWrite<T> = (trx: Trx, items: T[]) => Promise<void>;

/**
 * Inserts held back during one piece of work in a transaction and written at its end with one
 * statement per kind: for a batch whose parts each write a row or two (a group commit's hooks).
 * Passed explicitly to whoever may hold a write; a function that takes it says so in its type.
 */
export interface DeferredWrites {
  readonly trx: Trx;
  /** Holds items for `write`; written once, with everything held for it, when the work ends. */
  hold<T>(write: HeldWrite<T>, items: readonly T[]): void;
}

/**
 * Where a write goes: a transaction (written now) or a DeferredWrites (held until the end of its
 * work, still in its transaction). Functions that take one branch on `isDeferred`.
 */
export type InTransaction = Trx | DeferredWrites;

export function isDeferred(to: InTransaction): to is DeferredWrites {
  return typeof (to as Partial<DeferredWrites>).hold === 'function';
}

/** The transaction a write goes into, now or at the end of the deferred work. */
export function transactionOf(to: InTransaction): Trx {
  return isDeferred(to) ? to.trx : to;
}

/**
 * Runs `work` with a fresh DeferredWrites on `trx`, then writes what it held (kinds in the order
 * first held), still in `trx`, and returns the work's result. When the work throws nothing held
 * is written (the caller's transaction rolls back). Holding after the work has ended throws: a
 * write that would otherwise be lost.
 */
export async function withDeferredWrites<T>(trx: Trx, work: (deferred: DeferredWrites) => Promise<T>): Promise<T> {
  const held = new Map<HeldWrite<never>, unknown[]>();
  let open = true;
  const deferred: DeferredWrites = {
    trx,
    hold(write, items) {
      if (!open) throw new Error('A write was held after its deferred work had ended: it would never be written.');
      const kind = held.get(write);
      if (kind) kind.push(...items);
      else held.set(write, [...items]);
    },
  };
  let result: T;
  try {
    result = await work(deferred);
  } finally {
    open = false;
  }
  for (const [write, items] of held) if (items.length > 0) await (write as HeldWrite<unknown>)(trx, items);
  return result;
}
