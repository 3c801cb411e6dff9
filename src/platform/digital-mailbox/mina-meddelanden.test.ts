import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticPersonalNumber } from '../identity/personal-number.ts';
import { DigitalMailboxError, type DigitalMailboxMessage } from './digital-mailbox.ts';
import { FakeDigitalMailbox } from './fake-digital-mailbox.ts';
import { createXmlSigner } from './mina-meddelanden.signing.ts';
import { MinaMeddelandenMailbox, type MinaMeddelandenOptions } from './mina-meddelanden.ts';
import { NS } from './mina-meddelanden.xml.ts';
import {
  deliveryResult,
  fault,
  soap,
  startMinaMeddelandenDouble,
  type MinaMeddelandenDouble,
} from './test-fixtures/mina-meddelanden-double.ts';

const fixtures = join(import.meta.dirname, 'test-fixtures');
const senderCertificate = readFileSync(join(fixtures, 'sender-cert.pem'), 'utf8');
const senderKey = readFileSync(join(fixtures, 'sender-key.pem'), 'utf8');
const serviceCertificate = readFileSync(join(fixtures, 'service-cert.pem'), 'utf8');
const serviceKey = readFileSync(join(fixtures, 'service-key.pem'), 'utf8');

const ORG = '162120001124';
const withKivra = syntheticPersonalNumber('1972-11-23', 501);
const pending = syntheticPersonalNumber('1972-11-23', 502);
const refusesSender = syntheticPersonalNumber('1972-11-23', 503);
const normalOnly = syntheticPersonalNumber('1972-11-23', 504);
const withoutMailbox = syntheticPersonalNumber('1972-11-23', 505);
const now = new Date('2026-12-04T10:15:00Z');
const pdf = new Uint8Array(Buffer.from('%PDF-1.7\nsynthetic decision letter\n%%EOF\n', 'latin1'));

let fake: FakeDigitalMailbox;
let double: MinaMeddelandenDouble;

function seededFake(): FakeDigitalMailbox {
  return new FakeDigitalMailbox(
    [
      [withKivra, { serviceName: 'Kivra' }],
      [pending, { serviceName: 'Min myndighetspost', pending: true }],
      [refusesSender, { serviceName: 'e-Boks', senderAccepted: false }],
      [normalOnly, { serviceName: 'Billo', type: 'Normal' }],
    ],
    () => now,
  );
}

function adapter(overrides: Partial<MinaMeddelandenOptions> = {}): MinaMeddelandenMailbox {
  return new MinaMeddelandenMailbox({
    recipientServiceUrl: double.recipientServiceUrl,
    sender: { organisationNumber: ORG, name: 'Testkommunen' },
    sign: createXmlSigner({ certificate: senderCertificate, privateKey: senderKey }),
    supportInfo: { text: 'Frågor? Ring kontaktcenter 040-00 00 00.', url: 'https://kommun.example/kontakt' },
    clock: () => now,
    allowHttp: true,
    timeoutMs: 2000,
    ...overrides,
  });
}

function message(overrides: Partial<DigitalMailboxMessage> = {}): DigitalMailboxMessage {
  return {
    messageId: '6f1d2c3b-8a4e-4f5a-9b6c-7d8e9f0a1b2c',
    recipient: withKivra,
    subject: 'Beslut om sfi – antagen',
    body: 'Hej! Du har fått ett beslut från kommunen. Beslutet finns i den bifogade filen.',
    attachment: { filename: 'beslut-sfi.pdf', contentType: 'application/pdf', content: pdf },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<DigitalMailboxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DigitalMailboxError);
  const typed = error as DigitalMailboxError;
  // Whatever went wrong, no identity number and no content ends up in the message.
  for (const secret of [withKivra, withKivra.slice(2), 'Beslut om sfi', 'Hej!'])
    expect(typed.message).not.toContain(secret);
  return typed;
}

/** `path operation` of every request the service saw, e.g. `/recipient/v3 isReachable`. */
function operations(): string[] {
  return double.seen.map((request) => {
    const body = request.document.getElementsByTagNameNS(NS.soap, 'Body')[0];
    const operation = body ? Array.from(body.childNodes).find((node) => node.nodeType === 1) : undefined;
    return `${request.path} ${(operation as Element | undefined)?.localName}`;
  });
}

// A fresh mailbox and service per test: the double is a small local server, quick to start.
beforeEach(async () => {
  fake = seededFake();
  double = await startMinaMeddelandenDouble({ mailbox: fake, senderOrganisationNumber: ORG, senderCertificate });
});

afterEach(async () => {
  await double.close();
});

describe('MinaMeddelandenMailbox.reachability (isReachable)', () => {
  it('asks the Recipient service with the sender’s organisation number and every recipient', async () => {
    await adapter().reachability([withKivra, withoutMailbox]);
    expect(double.seen).toHaveLength(1);
    const request = double.seen[0]!;
    expect(request.contentType).toBe('text/xml; charset=utf-8');
    expect(request.soapAction).toBe('""');
    const operation = request.document.getElementsByTagNameNS(NS.recipientV3, 'isReachable')[0]!;
    expect(operation.getElementsByTagNameNS(NS.recipientV3, 'senderOrgNr')[0]?.textContent).toBe(ORG);
    expect(Array.from(operation.getElementsByTagNameNS(NS.recipientV3, 'recipientId'), (e) => e.textContent)).toEqual([
      withKivra,
      withoutMailbox,
    ]);
  });

  it('counts only a Secure account, not pending, that accepts the sender, as reachable', async () => {
    const answer = await adapter().reachability([withKivra, pending, refusesSender, normalOnly, withoutMailbox]);
    expect(Object.fromEntries(answer)).toEqual({
      [withKivra]: { reachable: true, serviceName: 'Kivra' },
      [pending]: { reachable: false, serviceName: 'Min myndighetspost' },
      [refusesSender]: { reachable: false, serviceName: 'e-Boks' },
      [normalOnly]: { reachable: false, serviceName: 'Billo' },
      [withoutMailbox]: { reachable: false },
    });
    // The fake answers the same question the same way.
    expect(await fake.reachability([withKivra, pending, refusesSender, normalOnly, withoutMailbox])).toEqual(answer);
  });

  it('asks in batches', async () => {
    const answer = await adapter({ reachabilityBatchSize: 2 }).reachability([withKivra, pending, withoutMailbox]);
    expect(double.seen).toHaveLength(2);
    expect(answer.size).toBe(3);
  });

  it('refuses an answer about someone not asked about, without naming anyone', async () => {
    double.answerNext((_request, response) =>
      soap(
        response,
        200,
        `<ns1:isReachableResponse xmlns:ns1="${NS.recipientV3}" xmlns:ns15="${NS.recipient}"><ns1:return><ns15:AccountStatus><ns15:RecipientId>${withKivra}</ns15:RecipientId><ns15:Type>Secure</ns15:Type><ns15:Pending>false</ns15:Pending></ns15:AccountStatus><ns15:SenderAccepted>true</ns15:SenderAccepted></ns1:return></ns1:isReachableResponse>`,
      ),
    );
    const error = await failure(adapter().reachability([withoutMailbox]));
    expect(error).toMatchObject({ failure: 'transport', retryable: false });
    expect(error.message).not.toContain(withoutMailbox);
  });
});

describe('MinaMeddelandenMailbox.deliver (deliverSecure)', () => {
  it('sends a signed, sealed SecureDelivery to the operator the Recipient service names', async () => {
    const delivery = await adapter().deliver(message());
    expect(delivery).toEqual({ deliveredAt: now, transactionId: 'fake-000001' });
    expect(operations()).toEqual(['/recipient/v3 isReachable', '/operator/service/v3 deliverSecure']);

    const sent = double.deliveries[0]!;
    expect(sent).toMatchObject({
      senderId: ORG,
      senderName: 'Testkommunen',
      recipient: withKivra,
      reference: message().messageId,
      messageId: message().messageId,
      subject: 'Beslut om sfi – antagen',
      supportText: 'Frågor? Ring kontaktcenter 040-00 00 00.',
      language: 'svSE',
      bodyContentType: 'text/plain',
      body: message().body,
      signedDeliveryValid: true,
      sealValid: true,
    });
    expect(sent.attachment).toMatchObject({
      contentType: 'application/pdf',
      filename: 'beslut-sfi.pdf',
      base64: Buffer.from(pdf).toString('base64'),
      checksum: createHash('md5').update(pdf).digest('hex').toUpperCase(),
    });
    expect(fake.deliveredTo(withKivra)).toMatchObject([{ subject: 'Beslut om sfi – antagen', serviceName: 'Kivra' }]);
  });

  it('puts the SealedDelivery in the Service/v3 deliverSecure element, signed twice (XML-DSig, RSA-SHA256)', async () => {
    await adapter().deliver(message());
    const request = double.seen[1]!;
    const operation = request.document.getElementsByTagNameNS(NS.serviceV3, 'deliverSecure');
    expect(operation).toHaveLength(2);
    const signatures = request.document.getElementsByTagNameNS(NS.dsig, 'Signature');
    expect(signatures).toHaveLength(2);
    expect(request.xml).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(request.xml).toContain('<Reference URI="">');
    expect(request.document.getElementsByTagNameNS(NS.messageV3, 'Seal')[0]?.textContent).toBe(
      `${now.toISOString()}true`,
    );
  });

  it('uses the message’s own support text when it has one', async () => {
    await adapter().deliver(message({ supportText: 'Frågor om beslutet: sfi@kommun.example' }));
    expect(double.deliveries[0]!.supportText).toBe('Frågor om beslutet: sfi@kommun.example');
  });

  it('does not deliver twice when the same messageId is sent again, nor call the service again', async () => {
    const mailbox = adapter();
    const first = await mailbox.deliver(message());
    const again = await mailbox.deliver(message());
    expect(again).toEqual(first);
    expect(double.seen).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it('joins a retry that overlaps the first call instead of sending twice', async () => {
    const mailbox = adapter();
    const [a, b] = await Promise.all([mailbox.deliver(message()), mailbox.deliver(message())]);
    expect(a).toEqual(b);
    expect(fake.delivered).toHaveLength(1);
    expect(double.seen).toHaveLength(2);
  });

  it('refuses a messageId reused for another recipient', async () => {
    const mailbox = adapter();
    await mailbox.deliver(message());
    fake.addMailbox(withoutMailbox, { serviceName: 'Kivra' });
    expect(await failure(mailbox.deliver(message({ recipient: withoutMailbox })))).toMatchObject({
      failure: 'rejected',
      errorCode: 'DUPLICATE_MESSAGE_ID',
    });
  });

  it.each([
    ['no mailbox', withoutMailbox],
    ['a pending registration', pending],
    ['a Normal account', normalOnly],
    ['the sender refused', refusesSender],
  ])('refuses delivery as unreachable (%s) without sending anything', async (_why, recipient) => {
    const error = await failure(adapter().deliver(message({ recipient })));
    expect(error).toMatchObject({ failure: 'unreachable', retryable: false });
    expect(error.message).not.toContain(recipient);
    expect(operations()).toEqual(['/recipient/v3 isReachable']);
  });

  it('maps Delivered=false to a rejection with the operator’s error code', async () => {
    fake.rejectRecipient(withKivra, 'MAILBOX_CLOSED');
    expect(await failure(adapter().deliver(message()))).toMatchObject({
      failure: 'rejected',
      retryable: false,
      errorCode: 'MAILBOX_CLOSED',
      code: 'INTERNAL',
    });
    expect(fake.delivered).toEqual([]);
  });

  it('maps a SOAP Client fault to a rejection with its code, without quoting the fault text', async () => {
    double.answerNext(
      (_request, response) =>
        soap(response, 500, fault('Client', 'SCHEMA_VALIDATION', `recipient ${withKivra} is wrong`)),
      '/operator/service/v3',
    );
    const error = await failure(adapter().deliver(message()));
    expect(error).toMatchObject({ failure: 'rejected', retryable: false, errorCode: 'SCHEMA_VALIDATION', status: 500 });
  });

  it('retries after a SOAP Server fault and then delivers once', async () => {
    fake.failNext();
    const mailbox = adapter();
    const error = await failure(mailbox.deliver(message()));
    expect(error).toMatchObject({
      failure: 'transport',
      retryable: true,
      code: 'UNAVAILABLE',
      errorCode: 'UNAVAILABLE',
    });
    expect(fake.delivered).toEqual([]);
    await mailbox.deliver(message());
    expect(fake.delivered).toHaveLength(1);
  });

  it.each([500, 502, 503, 429, 408])('makes HTTP %i without a SOAP fault retryable', async (status) => {
    double.answerNext((_request, response) => {
      response.writeHead(status, { 'content-type': 'text/html' });
      response.end('<html>gateway</html>');
    });
    expect(await failure(adapter().reachability([withKivra]))).toMatchObject({
      failure: 'transport',
      retryable: true,
      status,
    });
  });

  it('makes 401/403 not retryable (a certificate or agreement problem)', async () => {
    for (const status of [401, 403]) {
      double.answerNext((_request, response) => {
        response.writeHead(status);
        response.end();
      });
      expect(await failure(adapter().reachability([withKivra]))).toMatchObject({ retryable: false, status });
    }
  });

  it('refuses an answer outside the contract, naming only where', async () => {
    double.answerNext(
      (_request, response) =>
        soap(response, 200, deliveryResult(withKivra, true, null, '').replace('<ns10:TransId></ns10:TransId>', '')),
      '/operator/service/v3',
    );
    const error = await failure(adapter().deliver(message()));
    expect(error).toMatchObject({ failure: 'transport', retryable: false });
    expect(error.message).toContain('TransId');
  });

  it('refuses a delivery status about another person', async () => {
    double.answerNext(
      (_request, response) => soap(response, 200, deliveryResult(withoutMailbox, true, null, 'abc')),
      '/operator/service/v3',
    );
    expect(await failure(adapter().deliver(message()))).toMatchObject({ failure: 'transport', retryable: false });
  });

  it('makes a timeout retryable', async () => {
    double.answerNext((_request, response) => setTimeout(() => soap(response, 200, ''), 1500));
    const started = Date.now();
    const error = await failure(adapter({ timeoutMs: 100 }).reachability([withKivra]));
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toContain('no answer within 100 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('makes a refused connection retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      adapter({ recipientServiceUrl: `http://127.0.0.1:${port}/recipient/v3` }).reachability([withKivra]),
    );
    expect(error).toMatchObject({ failure: 'transport', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('refuses plain http endpoints unless told it is a local test', () => {
    expect(() => adapter({ allowHttp: false })).toThrow(/must use https/);
  });
});

describe('MinaMeddelandenMailbox over mutual TLS', () => {
  let tlsFake: FakeDigitalMailbox;
  let tlsDouble: MinaMeddelandenDouble;

  beforeAll(async () => {
    tlsFake = seededFake();
    tlsDouble = await startMinaMeddelandenDouble({
      mailbox: tlsFake,
      senderOrganisationNumber: ORG,
      senderCertificate,
      // The service trusts the sender's organisation certificate; we trust the service's.
      tls: { cert: serviceCertificate, key: serviceKey, ca: senderCertificate },
    });
  });

  afterAll(async () => {
    await tlsDouble.close();
  });

  it('delivers with the organisation certificate as the client certificate', async () => {
    const agent = new https.Agent({ cert: senderCertificate, key: senderKey, ca: serviceCertificate });
    const mailbox = adapter({ recipientServiceUrl: tlsDouble.recipientServiceUrl, agent, allowHttp: false });
    await mailbox.deliver(message());
    expect(tlsFake.delivered).toHaveLength(1);
    agent.destroy();
  });

  it('fails without retrying when the service does not accept the client (no certificate)', async () => {
    const agent = new https.Agent({ ca: serviceCertificate });
    const mailbox = adapter({ recipientServiceUrl: tlsDouble.recipientServiceUrl, agent, allowHttp: false });
    const error = await failure(mailbox.reachability([withKivra]));
    expect(error).toMatchObject({ failure: 'transport', retryable: false });
    expect(error.message).toContain('CERTIFICATE_REQUIRED');
    agent.destroy();
  });

  it('fails without retrying when the service’s certificate is not trusted', async () => {
    const agent = new https.Agent({ cert: senderCertificate, key: senderKey, ca: senderCertificate });
    const mailbox = adapter({ recipientServiceUrl: tlsDouble.recipientServiceUrl, agent, allowHttp: false });
    expect(await failure(mailbox.reachability([withKivra]))).toMatchObject({ failure: 'transport', retryable: false });
    agent.destroy();
  });
});
