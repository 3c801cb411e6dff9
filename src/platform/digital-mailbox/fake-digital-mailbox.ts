import { DEMO_USERS } from '../seed/demo-users.ts';
import {
  assertIdentityNumbers,
  assertSendable,
  DigitalMailboxError,
  type Delivery,
  type DigitalMailbox,
  type DigitalMailboxMessage,
  type Reachability,
} from './digital-mailbox.ts';

/**
 * The digital mailbox in memory, for dev, demos and tests. It keeps the real service's rules:
 * only a secure, active mailbox that accepts the sender is reachable; a message to anyone else
 * is refused as `unreachable`; delivery is idempotent on `messageId` (a retry answers the first
 * delivery; the same id for another message is refused). Tests read `delivered` and can make
 * the next calls fail (`failNext`) or make a mailbox operator refuse a recipient (`rejectRecipient`).
 */

export interface FakeMailboxAccount {
  /** The mailbox operator, e.g. "Kivra", "Min myndighetspost", "e-Boks", "Billo". */
  serviceName: string;
  /** A Normal account takes only non-secure messages (the service's AccountStatus Type); default Secure. */
  type?: 'Secure' | 'Normal';
  /** The person has refused messages from this sender (the service's SenderAccepted = false). */
  senderAccepted?: boolean;
  /** The account's registration is not complete yet (the service's Pending = true). */
  pending?: boolean;
}

export interface DeliveredMessage extends DigitalMailboxMessage, Delivery {
  serviceName: string;
}

type Fault = { retryable: boolean };

export class FakeDigitalMailbox implements DigitalMailbox {
  private readonly accounts = new Map<string, FakeMailboxAccount>();
  private readonly byMessageId = new Map<string, DeliveredMessage>();
  private readonly faults: Fault[] = [];
  private readonly rejections = new Map<string, string>();
  private sequence = 0;
  /** Calls answered (reachability and deliver, failed ones included), for tests that check a call did or did not happen. */
  calls = 0;

  constructor(
    accounts: Iterable<[personalNumber: string, account: FakeMailboxAccount]> = [],
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const [personalNumber, account] of accounts) this.addMailbox(personalNumber, account);
  }

  /** The demo municipality's mailboxes: Amina has Kivra; Oleksandr has no digital mailbox. */
  static forDemo(clock?: () => Date): FakeDigitalMailbox {
    const amina = DEMO_USERS.find((user) => user.username === 'amina')?.personalNumber;
    return new FakeDigitalMailbox(amina ? [[amina, { serviceName: 'Kivra' }]] : [], clock);
  }

  addMailbox(personalNumber: string, account: FakeMailboxAccount): void {
    assertIdentityNumbers([personalNumber]);
    this.accounts.set(personalNumber, { ...account });
  }

  /** The account as seeded (a copy), for the local SOAP double that answers isReachable from it. */
  accountOf(personalNumber: string): FakeMailboxAccount | undefined {
    const account = this.accounts.get(personalNumber);
    return account ? { ...account } : undefined;
  }

  /** Every message delivered, in order; copies, so a test cannot change what was delivered. */
  get delivered(): DeliveredMessage[] {
    return [...this.byMessageId.values()].map((message) => ({
      ...message,
      attachment: { ...message.attachment, content: message.attachment.content.slice() },
    }));
  }

  /** The messages delivered to one person. */
  deliveredTo(personalNumber: string): DeliveredMessage[] {
    return this.delivered.filter((message) => message.recipient === personalNumber);
  }

  /** The next `count` calls fail as the service would when down: a transport error, retryable unless said otherwise. */
  failNext(count = 1, options: { retryable?: boolean } = {}): void {
    for (let i = 0; i < count; i++) this.faults.push({ retryable: options.retryable ?? true });
  }

  /** The mailbox operator refuses messages to this person with this error code until `acceptRecipient`. */
  rejectRecipient(personalNumber: string, errorCode = 'REJECTED'): void {
    this.rejections.set(personalNumber, errorCode);
  }

  acceptRecipient(personalNumber: string): void {
    this.rejections.delete(personalNumber);
  }

  async reachability(personalNumbers: readonly string[]): Promise<Map<string, Reachability>> {
    assertIdentityNumbers(personalNumbers);
    this.calls++;
    this.throwIfFailing();
    const answer = new Map<string, Reachability>();
    for (const number of personalNumbers) answer.set(number, this.reachabilityOf(number));
    return answer;
  }

  async deliver(message: DigitalMailboxMessage): Promise<Delivery> {
    assertSendable(message);
    this.calls++;
    const earlier = this.byMessageId.get(message.messageId);
    if (earlier) {
      if (earlier.recipient !== message.recipient || earlier.subject !== message.subject)
        throw new DigitalMailboxError('rejected', 'this messageId was already used for another message', {
          retryable: false,
          errorCode: 'DUPLICATE_MESSAGE_ID',
        });
      return { deliveredAt: earlier.deliveredAt, transactionId: earlier.transactionId };
    }
    this.throwIfFailing();
    const reachability = this.reachabilityOf(message.recipient);
    if (!reachability.reachable)
      throw new DigitalMailboxError('unreachable', 'the recipient has no mailbox that accepts this sender', {
        retryable: false,
      });
    const rejection = this.rejections.get(message.recipient);
    if (rejection !== undefined)
      throw new DigitalMailboxError('rejected', `the mailbox operator refused the message (${rejection})`, {
        retryable: false,
        errorCode: rejection,
      });
    this.sequence++;
    const delivery: Delivery = {
      deliveredAt: this.clock(),
      transactionId: `fake-${String(this.sequence).padStart(6, '0')}`,
    };
    this.byMessageId.set(message.messageId, {
      ...message,
      attachment: { ...message.attachment, content: message.attachment.content.slice() },
      ...delivery,
      serviceName: reachability.serviceName ?? '',
    });
    return { ...delivery };
  }

  private reachabilityOf(personalNumber: string): Reachability {
    const account = this.accounts.get(personalNumber);
    if (!account) return { reachable: false };
    const reachable =
      (account.type ?? 'Secure') === 'Secure' && account.senderAccepted !== false && account.pending !== true;
    return { reachable, serviceName: account.serviceName };
  }

  private throwIfFailing(): void {
    const fault = this.faults.shift();
    if (fault)
      throw new DigitalMailboxError('transport', 'simulated failure (fake digital mailbox)', {
        retryable: fault.retryable,
        status: fault.retryable ? 503 : 403,
      });
  }
}
