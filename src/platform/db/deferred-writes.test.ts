import { describe, expect, it } from 'vitest';
import type { Trx } from './database.ts';
import {
  isDeferred,
  transactionOf,
  withDeferredWrites,
  type DeferredWrites,
  type HeldWrite,
} from './deferred-writes.ts';

// The writer only hands the transaction on to the write functions: a stand-in does for these rules.
const trx = { name: 'the transaction' } as unknown as Trx;

/** A write function recording each call under `kind`, in one shared log. */
function recorder<T>(kind: string, log: { kind: string; trx: Trx; items: unknown[] }[]): HeldWrite<T> {
  return async (to, items) => {
    log.push({ kind, trx: to, items });
  };
}

describe('withDeferredWrites', () => {
  it('holds what the work holds and writes it when the work ends: once per kind, with everything held for it, kinds in the order first held, in the transaction', async () => {
    const log: { kind: string; trx: Trx; items: unknown[] }[] = [];
    const rows = recorder<string>('rows', log);
    const jobs = recorder<number>('jobs', log);
    const result = await withDeferredWrites(trx, async (deferred) => {
      expect(deferred.trx).toBe(trx);
      deferred.hold(jobs, [1]);
      deferred.hold(rows, ['a', 'b']);
      deferred.hold(jobs, [2, 3]);
      deferred.hold(rows, []);
      deferred.hold(rows, ['c']);
      await Promise.resolve();
      expect(log).toEqual([]); // nothing written while the work runs
      return 'the result';
    });
    expect(result).toBe('the result');
    expect(log).toEqual([
      { kind: 'jobs', trx, items: [1, 2, 3] },
      { kind: 'rows', trx, items: ['a', 'b', 'c'] },
    ]);
  });

  it('copies what is held: the caller may reuse its array', async () => {
    const log: { kind: string; trx: Trx; items: unknown[] }[] = [];
    const rows = recorder<string>('rows', log);
    await withDeferredWrites(trx, async (deferred) => {
      const batch = ['a'];
      deferred.hold(rows, batch);
      batch.push('not held');
    });
    expect(log).toEqual([{ kind: 'rows', trx, items: ['a'] }]);
  });

  it('writes nothing when the work throws, and passes its error on', async () => {
    const log: { kind: string; trx: Trx; items: unknown[] }[] = [];
    const rows = recorder<string>('rows', log);
    await expect(
      withDeferredWrites(trx, async (deferred) => {
        deferred.hold(rows, ['a']);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(log).toEqual([]);
  });

  it('writes nothing for a kind held with no items', async () => {
    const log: { kind: string; trx: Trx; items: unknown[] }[] = [];
    await withDeferredWrites(trx, async (deferred) => deferred.hold(recorder<string>('rows', log), []));
    expect(log).toEqual([]);
  });

  it('refuses a hold after the work has ended, instead of losing the write', async () => {
    let leaked: DeferredWrites | undefined;
    await withDeferredWrites(trx, async (deferred) => {
      leaked = deferred;
    });
    expect(() => leaked!.hold(async () => {}, ['late'])).toThrow(/after its deferred work had ended/);
  });

  it('tells a DeferredWrites from a transaction, and finds the transaction of either', async () => {
    await withDeferredWrites(trx, async (deferred) => {
      expect(isDeferred(deferred)).toBe(true);
      expect(isDeferred(trx)).toBe(false);
      expect(transactionOf(deferred)).toBe(trx);
      expect(transactionOf(trx)).toBe(trx);
    });
  });
});
