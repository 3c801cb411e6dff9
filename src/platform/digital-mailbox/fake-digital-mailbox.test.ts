import { describe, expect, it } from 'vitest';
import { syntheticPersonalNumber } from '../identity/personal-number.ts';
import { DigitalMailboxError, normalizeOrganisationNumber, type DigitalMailboxMessage } from './digital-mailbox.ts';
import { FakeDigitalMailbox } from './fake-digital-mailbox.ts';

const withKivra = syntheticPersonalNumber('1985-03-09', 41);
const pending = syntheticPersonalNumber('1985-03-09', 42);
const refusesSender = syntheticPersonalNumber('1985-03-09', 43);
const withoutMailbox = syntheticPersonalNumber('1985-03-09', 44);
const normalOnly = syntheticPersonalNumber('1985-03-09', 45);

const at = new Date('2026-12-04T09:30:00Z');

function mailbox(): FakeDigitalMailbox {
  return new FakeDigitalMailbox(
    [
      [withKivra, { serviceName: 'Kivra' }],
      [pending, { serviceName: 'Min myndighetspost', pending: true }],
      [refusesSender, { serviceName: 'e-Boks', senderAccepted: false }],
      [normalOnly, { serviceName: 'Billo', type: 'Normal' }],
    ],
    () => at,
  );
}

function message(overrides: Partial<DigitalMailboxMessage> = {}): DigitalMailboxMessage {
  return {
    messageId: '0d7c4c52-3f0e-4b8e-9a51-2f3c1e9b7a10',
    recipient: withKivra,
    subject: 'Beslut om sfi',
    body: 'Du har fått ett beslut. Beslutet finns i den bifogade filen.',
    attachment: { filename: 'beslut.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<DigitalMailboxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DigitalMailboxError);
  return error as DigitalMailboxError;
}

describe('FakeDigitalMailbox', () => {
  it('counts only an active secure mailbox that accepts the sender as reachable', async () => {
    const answer = await mailbox().reachability([withKivra, pending, refusesSender, normalOnly, withoutMailbox]);
    expect(Object.fromEntries(answer)).toEqual({
      [withKivra]: { reachable: true, serviceName: 'Kivra' },
      [pending]: { reachable: false, serviceName: 'Min myndighetspost' },
      [refusesSender]: { reachable: false, serviceName: 'e-Boks' },
      [normalOnly]: { reachable: false, serviceName: 'Billo' },
      [withoutMailbox]: { reachable: false },
    });
  });

  it('records a delivered message with the service that holds the mailbox', async () => {
    const fake = mailbox();
    const delivery = await fake.deliver(message());
    expect(delivery).toEqual({ deliveredAt: at, transactionId: 'fake-000001' });
    expect(fake.deliveredTo(withKivra)).toMatchObject([{ subject: 'Beslut om sfi', serviceName: 'Kivra' }]);
  });

  it('delivers once when a retry sends the same messageId, answering the first delivery', async () => {
    const fake = mailbox();
    const first = await fake.deliver(message());
    const retry = await fake.deliver(message());
    expect(retry).toEqual(first);
    expect(fake.delivered).toHaveLength(1);
  });

  it('refuses a messageId reused for another message', async () => {
    const fake = mailbox();
    await fake.deliver(message());
    const error = await failure(fake.deliver(message({ subject: 'Något annat' })));
    expect(error).toMatchObject({ failure: 'rejected', retryable: false, errorCode: 'DUPLICATE_MESSAGE_ID' });
  });

  it.each([
    ['a pending registration', pending],
    ['a person who refuses this sender', refusesSender],
    ['a person with a Normal (not secure) account', normalOnly],
    ['a person without a mailbox', withoutMailbox],
  ])('refuses delivery to %s as unreachable, not retryable', async (_who, recipient) => {
    const fake = mailbox();
    const error = await failure(fake.deliver(message({ recipient })));
    expect(error).toMatchObject({ failure: 'unreachable', retryable: false });
    expect(error.message).not.toContain(recipient);
    expect(fake.delivered).toEqual([]);
  });

  it('fails once as a service that is down, and delivers once on the retry', async () => {
    const fake = mailbox();
    fake.failNext();
    const error = await failure(fake.deliver(message()));
    expect(error).toMatchObject({ failure: 'transport', retryable: true, code: 'UNAVAILABLE' });
    expect(fake.delivered).toEqual([]);
    await fake.deliver(message());
    await fake.deliver(message());
    expect(fake.delivered).toHaveLength(1);
  });

  it('refuses a recipient the mailbox operator rejects, with its error code, until accepted again', async () => {
    const fake = mailbox();
    fake.rejectRecipient(withKivra, 'MAILBOX_FULL');
    expect(await failure(fake.deliver(message()))).toMatchObject({
      failure: 'rejected',
      retryable: false,
      errorCode: 'MAILBOX_FULL',
    });
    fake.acceptRecipient(withKivra);
    await fake.deliver(message());
    expect(fake.delivered).toHaveLength(1);
  });

  it('keeps what was delivered even if the caller changes its buffer afterwards', async () => {
    const fake = mailbox();
    const content = new Uint8Array([37, 80, 68, 70]);
    await fake.deliver(message({ attachment: { filename: 'beslut.pdf', contentType: 'application/pdf', content } }));
    content[0] = 0;
    expect(fake.delivered[0]!.attachment.content[0]).toBe(37);
  });

  it('refuses what the real service would refuse before any call: bad ids, numbers and attachments', async () => {
    const fake = mailbox();
    await expect(fake.deliver(message({ messageId: 'not-a-uuid' }))).rejects.toThrow(TypeError);
    await expect(fake.deliver(message({ recipient: '850309-0417' }))).rejects.toThrow(TypeError);
    await expect(
      fake.deliver(
        message({ attachment: { filename: 'beslut.pdf', contentType: 'application/pdf', content: new Uint8Array() } }),
      ),
    ).rejects.toThrow(TypeError);
    await expect(fake.reachability(['8503090417'])).rejects.toThrow(TypeError);
    expect(fake.calls).toBe(0);
  });

  it('gives the demo resident Amina a Kivra mailbox and Oleksandr none', async () => {
    const answer = await FakeDigitalMailbox.forDemo().reachability(['199104121018', '199107142391']);
    expect(answer.get('199104121018')).toEqual({ reachable: true, serviceName: 'Kivra' });
    expect(answer.get('199107142391')).toEqual({ reachable: false });
  });
});

describe('normalizeOrganisationNumber', () => {
  it('writes an organisation number in the service’s 12-digit form', () => {
    expect(normalizeOrganisationNumber('212000-1124')).toBe('162120001124');
    expect(normalizeOrganisationNumber('2120001124')).toBe('162120001124');
    expect(normalizeOrganisationNumber('162120001124')).toBe('162120001124');
  });

  it('refuses a wrong check digit, a wrong length and a personal number', () => {
    expect(normalizeOrganisationNumber('212000-1125')).toBeNull();
    expect(normalizeOrganisationNumber('21200011')).toBeNull();
    expect(normalizeOrganisationNumber('8503090417')).toBeNull();
  });
});
