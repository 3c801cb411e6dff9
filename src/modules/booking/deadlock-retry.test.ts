import { describe, expect, it } from 'vitest';
import { DEADLOCK_ATTEMPTS, retryingDeadlocks } from './booking.service.ts';

const pgError = (code: string) => Object.assign(new Error(`postgres ${code}`), { code });

describe('retryingDeadlocks (concurrent overlapping inserts under the exclusion constraint)', () => {
  it('runs a deadlock victim again until it gets through', async () => {
    let calls = 0;
    const result = await retryingDeadlocks(async () => {
      calls++;
      if (calls < 3) throw pgError('40P01');
      return 'booked';
    });
    expect(result).toBe('booked');
    expect(calls).toBe(3);
  });

  it('lets a conflict (23P01) and any other error through at once', async () => {
    for (const code of ['23P01', '23505', '57014']) {
      let calls = 0;
      await expect(
        retryingDeadlocks(async () => {
          calls++;
          throw pgError(code);
        }),
      ).rejects.toMatchObject({ code });
      expect(calls).toBe(1);
    }
  });

  it('gives up after a bounded number of attempts', async () => {
    let calls = 0;
    await expect(
      retryingDeadlocks(async () => {
        calls++;
        throw pgError('40P01');
      }),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(DEADLOCK_ATTEMPTS);
  });
});
