import { afterAll, describe, expect, it } from 'vitest';
import { admissionLetter } from '../../../../test/fixtures/decision-letters.ts';
import type { DecisionLetterInput } from './decision-letter.schema.ts';
import { renderDecisionLetter } from './decision-letter.ts';
import { createLetterThreads } from './letter-threads.ts';

const NOW = new Date('2026-09-01T10:00:00Z');

const admission: DecisionLetterInput = admissionLetter;

describe('decision letters in worker threads', () => {
  const letters = createLetterThreads({ threads: 2 });
  afterAll(() => letters.close());

  it('renders the same bytes as renderDecisionLetter, several letters at once', async () => {
    const inputs = Array.from({ length: 6 }, (_, i) => ({ ...admission, caseNumber: `SFI-2026-00012${i}` }));
    const rendered = await Promise.all(inputs.map((input) => letters.render(input, { now: NOW })));
    for (const [i, pdf] of rendered.entries()) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.equals(renderDecisionLetter(inputs[i]!, { now: NOW })), `letter ${i}`).toBe(true);
    }
    expect(new Set(rendered.map((pdf) => pdf.toString('base64'))).size).toBe(6);
    expect(letters.inline).toBe(false); // rendered in the threads, not by the inline fallback
  }, 60_000);

  it('rejects an invalid letter with the renderer’s error, and keeps working', async () => {
    const manual = {
      ...admission,
      decision: { ...admission.decision, outcome: 'manual' },
    } as unknown as DecisionLetterInput;
    await expect(letters.render(manual, { now: NOW })).rejects.toMatchObject({ name: 'ZodError' });
    const pdf = await letters.render(admission, { now: NOW });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
