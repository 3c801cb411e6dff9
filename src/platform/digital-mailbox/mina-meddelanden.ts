import http from 'node:http';
import https from 'node:https';
import {
  assertIdentityNumbers,
  assertSendable,
  DigitalMailboxError,
  type Delivery,
  type DigitalMailbox,
  type DigitalMailboxMessage,
  type Reachability,
} from './digital-mailbox.ts';
import type { XmlSigner } from './mina-meddelanden.signing.ts';
import {
  deliverSecureRequest,
  isReachableRequest,
  readDeliverSecureResponse,
  readIsReachableResponse,
  readSoapAnswer,
  unsignedSealedDelivery,
  unsignedSignedDelivery,
  type RecipientStatus,
} from './mina-meddelanden.xml.ts';

/**
 * The real adapter: Mina meddelanden over SOAP 1.1 with mutual TLS.
 *
 * - reachability → `isReachable` on the Förmedlingstjänst's Recipient service, in batches.
 * - deliver → `isReachable` for the one recipient (which also names the mailbox operator's
 *   endpoint, ServiceAdress), then `deliverSecure` to that endpoint: a SignedDelivery signed by
 *   the sender, sealed (SealedDelivery) and signed again.
 * - Idempotency: the messageId is the message's Id and the delivery's Reference, the same on
 *   every retry. This process also remembers each delivered messageId and answers a retry from
 *   memory without a second call, and joins a retry that overlaps a call in flight. Across
 *   processes and restarts the caller must record the delivery (its outbox row) before it retries.
 * - Errors: DigitalMailboxError. Timeouts, network errors, HTTP 408/429/5xx and SOAP Server
 *   faults are retryable; SOAP Client faults and Delivered=false are `rejected` (with the
 *   service's error code); certificate/TLS failures, other HTTP statuses and answers outside
 *   the contract are not retryable. No message, error or log line holds an identity number or
 *   anything of the message's content; a SOAP fault's text is never copied (it may quote either).
 */

export interface MinaMeddelandenOptions {
  /** The Förmedlingstjänst's Recipient service endpoint (isReachable). */
  recipientServiceUrl: string;
  /** The sender as registered with the service: organisation number (12-digit form, 16…) and name. */
  sender: { organisationNumber: string; name: string };
  /** Signs a SignedDelivery and a SealedDelivery (createXmlSigner, or one backed by an HSM). */
  sign: XmlSigner;
  /** mTLS: `new https.Agent({ cert, key, ca })` with the organisation certificate. */
  agent?: https.Agent;
  /** The message's support information when it brings no supportText of its own. */
  supportInfo: { text: string; url?: string; phoneNumber?: string; emailAddress?: string };
  /** Per request, default 15,000 ms. */
  timeoutMs?: number;
  /** Recipients per isReachable call, default 100. */
  reachabilityBatchSize?: number;
  clock?: () => Date;
  /**
   * Allows http:// endpoints, for the local test double only. Otherwise every endpoint,
   * including a ServiceAdress the service names, must be https.
   */
  allowHttp?: boolean;
}

/** Most answers are small; a bigger one is not the service talking. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** Delivered messageIds kept in memory for answering retries in this process. */
const REMEMBERED_DELIVERIES = 10_000;

export class MinaMeddelandenMailbox implements DigitalMailbox {
  private readonly delivered = new Map<string, { recipient: string; delivery: Delivery }>();
  private readonly inFlight = new Map<string, { recipient: string; promise: Promise<Delivery> }>();
  private readonly clock: () => Date;

  constructor(private readonly options: MinaMeddelandenOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.checkEndpoint(options.recipientServiceUrl, 'the Recipient service URL');
  }

  async reachability(personalNumbers: readonly string[]): Promise<Map<string, Reachability>> {
    assertIdentityNumbers(personalNumbers);
    const answer = new Map<string, Reachability>();
    for (const status of await this.recipientStatuses(personalNumbers)) {
      const reachability: Reachability = { reachable: status.reachable };
      if (status.serviceName) reachability.serviceName = status.serviceName;
      answer.set(status.recipient, reachability);
    }
    return answer;
  }

  async deliver(message: DigitalMailboxMessage): Promise<Delivery> {
    assertSendable(message);
    const earlier = this.delivered.get(message.messageId) ?? this.inFlight.get(message.messageId);
    if (earlier && earlier.recipient !== message.recipient)
      throw new DigitalMailboxError('rejected', 'this messageId was already used for another recipient', {
        retryable: false,
        errorCode: 'DUPLICATE_MESSAGE_ID',
      });
    const done = this.delivered.get(message.messageId);
    if (done) return { ...done.delivery };
    const running = this.inFlight.get(message.messageId);
    if (running) return running.promise;

    const promise = this.deliverOnce(message);
    this.inFlight.set(message.messageId, { recipient: message.recipient, promise });
    try {
      const delivery = await promise;
      this.remember(message.messageId, message.recipient, delivery);
      return delivery;
    } finally {
      this.inFlight.delete(message.messageId);
    }
  }

  private async deliverOnce(message: DigitalMailboxMessage): Promise<Delivery> {
    const [status] = await this.recipientStatuses([message.recipient]);
    if (!status?.reachable || !status.serviceAddress)
      throw new DigitalMailboxError('unreachable', 'the recipient has no mailbox that accepts this sender', {
        retryable: false,
      });
    this.checkEndpoint(status.serviceAddress, 'the mailbox operator’s ServiceAdress');

    const signedDelivery = await this.options.sign(
      unsignedSignedDelivery({
        sender: this.options.sender,
        recipient: message.recipient,
        messageId: message.messageId,
        subject: message.subject,
        body: message.body,
        supportInfo: message.supportText
          ? { ...this.options.supportInfo, text: message.supportText }
          : this.options.supportInfo,
        attachment: message.attachment,
      }),
    );
    const sealed = await this.options.sign(unsignedSealedDelivery(stripDeclaration(signedDelivery), this.clock()));
    const body = await this.call('deliverSecure', status.serviceAddress, deliverSecureRequest(sealed));

    const answer = readDeliverSecureResponse(body);
    if ('where' in answer) throw outsideContract('deliverSecure', answer.where);
    const result = answer.statuses.find((s) => s.recipient === message.recipient);
    if (!result || answer.statuses.length !== 1)
      throw outsideContract('deliverSecure', 'the status is not about the recipient asked about');
    if (!result.delivered)
      throw new DigitalMailboxError(
        'rejected',
        `deliverSecure: not delivered${result.errorCode ? ` (${result.errorCode})` : ''}`,
        { retryable: false, errorCode: result.errorCode },
      );
    return { deliveredAt: this.clock(), transactionId: answer.transactionId };
  }

  private async recipientStatuses(personalNumbers: readonly string[]): Promise<RecipientStatus[]> {
    const unique = [...new Set(personalNumbers)];
    const size = this.options.reachabilityBatchSize ?? 100;
    const statuses: RecipientStatus[] = [];
    for (let start = 0; start < unique.length; start += size) {
      const batch = unique.slice(start, start + size);
      const body = await this.call(
        'isReachable',
        this.options.recipientServiceUrl,
        isReachableRequest(this.options.sender.organisationNumber, batch),
      );
      const answer = readIsReachableResponse(body);
      if ('where' in answer) throw outsideContract('isReachable', answer.where);
      const asked = new Set(batch);
      const byRecipient = new Map<string, RecipientStatus>();
      for (const status of answer.statuses) {
        if (!asked.has(status.recipient))
          throw outsideContract('isReachable', 'a status about someone not asked about');
        byRecipient.set(status.recipient, status);
      }
      // A recipient the answer leaves out has no account the service knows of.
      for (const recipient of batch) statuses.push(byRecipient.get(recipient) ?? { recipient, reachable: false });
    }
    return statuses;
  }

  /** One SOAP exchange: the answer's Body, or a DigitalMailboxError. */
  private async call(operation: string, url: string, envelope: string): Promise<Record<string, unknown>> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    let answer: { status: number; text: string };
    try {
      answer = await post(url, envelope, { agent: this.options.agent, timeoutMs });
    } catch (error) {
      throw transportFailure(operation, error, timeoutMs);
    }
    const read = readSoapAnswer(answer.text);
    if (read.kind === 'fault') {
      // SOAP 1.1: a Client fault is about the request (retrying the same one will not help);
      // a Server fault is the service's own trouble.
      const server = read.faultCode === 'Server';
      const code = read.detailCode ?? read.faultCode;
      if (server)
        throw new DigitalMailboxError('transport', `${operation}: the service failed (SOAP fault ${code})`, {
          retryable: true,
          errorCode: code,
          status: answer.status,
        });
      throw new DigitalMailboxError('rejected', `${operation}: refused (SOAP fault ${code})`, {
        retryable: false,
        errorCode: code,
        status: answer.status,
      });
    }
    if (answer.status !== 200) {
      const retryable = answer.status === 408 || answer.status === 429 || answer.status >= 500;
      throw new DigitalMailboxError('transport', `${operation}: answered HTTP ${answer.status}`, {
        retryable,
        status: answer.status,
      });
    }
    if (read.kind === 'malformed') throw outsideContract(operation, read.where);
    return read.body;
  }

  private checkEndpoint(url: string, what: string): void {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new DigitalMailboxError('transport', `${what} is not a URL`, { retryable: false });
    }
    if (protocol === 'https:' || (protocol === 'http:' && this.options.allowHttp === true)) return;
    throw new DigitalMailboxError('transport', `${what} must use https`, { retryable: false });
  }

  private remember(messageId: string, recipient: string, delivery: Delivery): void {
    this.delivered.set(messageId, { recipient, delivery: { ...delivery } });
    if (this.delivered.size > REMEMBERED_DELIVERIES) {
      const oldest = this.delivered.keys().next().value;
      if (oldest !== undefined) this.delivered.delete(oldest);
    }
  }
}

function stripDeclaration(xml: string): string {
  return xml.replace(/^<\?xml[^>]*\?>\s*/, '');
}

function outsideContract(operation: string, where: string): DigitalMailboxError {
  return new DigitalMailboxError('transport', `${operation}: an answer outside the service's contract (${where})`, {
    retryable: false,
  });
}

/**
 * Network and TLS errors: a refused or dropped connection or a timeout is worth retrying; a
 * certificate or TLS failure (ours refused, theirs untrusted or expired) is configuration.
 */
function transportFailure(operation: string, error: unknown, timeoutMs: number): DigitalMailboxError {
  const code = (error as { code?: unknown }).code;
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new DigitalMailboxError('transport', `${operation}: no answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: error,
    });
  if (error instanceof AnswerTooLarge)
    return new DigitalMailboxError('transport', `${operation}: the answer is larger than 1 MB`, { retryable: false });
  const text = typeof code === 'string' ? code : name;
  const tls = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|HOSTNAME|ALTNAME/i.test(text);
  return new DigitalMailboxError(
    'transport',
    `${operation}: ${tls ? 'TLS or certificate failure' : 'request failed'} (${text})`,
    { retryable: !tls, cause: error },
  );
}

class AnswerTooLarge extends Error {}

/** POSTs a SOAP 1.1 envelope; the status and the answer's text (any status), or a network error. */
function post(
  url: string,
  envelope: string,
  options: { agent: https.Agent | undefined; timeoutMs: number },
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const payload = Buffer.from(envelope, 'utf8');
  const signal = AbortSignal.timeout(options.timeoutMs);
  const request = (target.protocol === 'https:' ? https.request : http.request)(target, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      // SOAP 1.1 requires the header; the service's operations have an empty action.
      soapaction: '""',
      'content-length': payload.byteLength,
    },
    ...(target.protocol === 'https:' && options.agent ? { agent: options.agent } : {}),
    signal,
  });
  return new Promise((resolve, reject) => {
    request.on('error', (error) => reject(signal.aborted ? signal.reason : error));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_ANSWER_BYTES) {
          reject(new AnswerTooLarge());
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => reject(signal.aborted ? signal.reason : error));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.end(payload);
  });
}
