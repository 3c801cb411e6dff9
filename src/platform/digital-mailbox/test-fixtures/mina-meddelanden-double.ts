import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { DigitalMailboxError } from '../digital-mailbox.ts';
import type { FakeDigitalMailbox } from '../fake-digital-mailbox.ts';
import { NS } from '../mina-meddelanden.xml.ts';

/**
 * A local stand-in for Mina meddelanden, for tests only: the Recipient service (isReachable) at
 * `/recipient/v3` and one mailbox operator's endpoint (deliverSecure) at `/operator/service/v3`,
 * over HTTP or HTTPS with client certificates. Its state is a FakeDigitalMailbox, so the SOAP
 * adapter and the fake are held to the same rules. It reads requests namespace-aware (xmldom),
 * checks the sender, both XML signatures against the sender's certificate and the attachment's
 * MD5, and records every request. A test can put a canned answer first (`answerNext`).
 */

export interface SeenRequest {
  path: string;
  soapAction: string | undefined;
  contentType: string | undefined;
  /** The request as sent. */
  xml: string;
  document: Document;
}

export interface DecodedDelivery {
  senderId: string;
  senderName: string;
  recipient: string;
  reference: string | null;
  messageId: string;
  subject: string;
  supportText: string;
  language: string;
  bodyContentType: string;
  body: string;
  attachment: { contentType: string; filename: string; checksum: string; base64: string; content: Uint8Array };
  signedDeliveryValid: boolean;
  sealValid: boolean;
}

type Canned = (request: SeenRequest, response: http.ServerResponse) => void;

export interface MinaMeddelandenDouble {
  url: string;
  recipientServiceUrl: string;
  serviceAddress: string;
  seen: SeenRequest[];
  deliveries: DecodedDelivery[];
  /** The next request (of any path, or only of `path`) is answered by `handler` instead. */
  answerNext(handler: Canned, path?: string): void;
  close(): Promise<void>;
}

export async function startMinaMeddelandenDouble(options: {
  mailbox: FakeDigitalMailbox;
  senderOrganisationNumber: string;
  senderCertificate: string;
  tls?: { cert: string; key: string; ca: string };
}): Promise<MinaMeddelandenDouble> {
  const seen: SeenRequest[] = [];
  const deliveries: DecodedDelivery[] = [];
  const canned: Array<{ handler: Canned; path: string | undefined }> = [];
  let serviceAddress = '';

  const listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const xml = Buffer.concat(chunks).toString('utf8');
      const seenRequest: SeenRequest = {
        path: request.url ?? '',
        soapAction: request.headers.soapaction as string | undefined,
        contentType: request.headers['content-type'],
        xml,
        document: new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document,
      };
      seen.push(seenRequest);
      const at = canned.findIndex((c) => c.path === undefined || c.path === seenRequest.path);
      if (at >= 0) {
        const [next] = canned.splice(at, 1);
        next!.handler(seenRequest, response);
        return;
      }
      void answer(seenRequest, response).catch((error: unknown) =>
        soap(response, 500, fault('Server', 'INTERNAL', (error as Error).message)),
      );
    });
  };

  async function answer(request: SeenRequest, response: http.ServerResponse): Promise<void> {
    const body = request.document.getElementsByTagNameNS(NS.soap, 'Body')[0];
    const operation = body ? firstElement(body) : null;
    if (
      request.path === '/recipient/v3' &&
      operation?.namespaceURI === NS.recipientV3 &&
      operation.localName === 'isReachable'
    ) {
      soap(response, 200, await isReachable(operation));
      return;
    }
    if (
      request.path === '/operator/service/v3' &&
      operation?.namespaceURI === NS.serviceV3 &&
      operation.localName === 'deliverSecure'
    ) {
      const [status, xml] = await deliverSecure(request, operation);
      soap(response, status, xml);
      return;
    }
    soap(response, 500, fault('Client', 'UNKNOWN_OPERATION', 'no such operation'));
  }

  async function isReachable(operation: Element): Promise<string> {
    const senderOrgNr = text(operation, NS.recipientV3, 'senderOrgNr');
    if (senderOrgNr !== options.senderOrganisationNumber) return fault('Client', 'UNKNOWN_SENDER', 'unknown sender');
    const recipients = Array.from(
      operation.getElementsByTagNameNS(NS.recipientV3, 'recipientId'),
      (e) => e.textContent ?? '',
    );
    const statuses: string[] = [];
    for (const recipient of recipients) {
      const account = options.mailbox.accountOf(recipient);
      if (!account) continue;
      statuses.push(
        `<ns1:return><ns15:AccountStatus><ns15:RecipientId>${recipient}</ns15:RecipientId><ns15:Type>${account.type ?? 'Secure'}</ns15:Type>` +
          `<ns15:Pending>${account.pending === true}</ns15:Pending><ns15:ServiceSupplier><ns15:Id>165568402266</ns15:Id>` +
          `<ns15:Name>${account.serviceName}</ns15:Name><ns15:ServiceAdress>${serviceAddress}</ns15:ServiceAdress><ns15:UIAdress>https://mailbox.example</ns15:UIAdress>` +
          `<ns15:InternalServiceAdress/></ns15:ServiceSupplier><ns15:LastRegistration>2026-01-30T15:38:49.517+01:00</ns15:LastRegistration></ns15:AccountStatus>` +
          `<ns15:SenderAccepted>${account.senderAccepted !== false}</ns15:SenderAccepted></ns1:return>`,
      );
    }
    return `<ns1:isReachableResponse xmlns:ns1="${NS.recipientV3}" xmlns:ns15="${NS.recipient}">${statuses.join('')}</ns1:isReachableResponse>`;
  }

  async function deliverSecure(request: SeenRequest, operation: Element): Promise<[number, string]> {
    const sealedOnWire = firstElement(operation);
    if (!sealedOnWire || sealedOnWire.localName !== 'deliverSecure')
      return [500, fault('Client', 'SCHEMA', 'no SealedDelivery')];
    const signedDelivery = sealedOnWire.getElementsByTagNameNS(NS.messageV3, 'SignedDelivery')[0];
    if (!signedDelivery) return [500, fault('Client', 'SCHEMA', 'no SignedDelivery')];
    const serializer = new XMLSerializer();
    const signedDeliveryXml = serializer.serializeToString(signedDelivery as never);
    // The service renames the wire element back to SealedDelivery before it checks the seal.
    const sealedXml = `<SealedDelivery xmlns="${NS.messageV3}">${Array.from(sealedOnWire.childNodes, (n) => serializer.serializeToString(n as never)).join('')}</SealedDelivery>`;
    const decoded = decode(signedDelivery, {
      signedDeliveryValid: verify(signedDeliveryXml),
      sealValid: verify(sealedXml),
    });
    deliveries.push(decoded);
    if (!decoded.signedDeliveryValid || !decoded.sealValid)
      return [500, fault('Client', 'SIGNATURE_INVALID', 'bad signature')];
    if (decoded.senderId !== options.senderOrganisationNumber)
      return [500, fault('Client', 'UNKNOWN_SENDER', 'unknown sender')];
    const checksum = createHash('md5').update(decoded.attachment.content).digest('hex').toUpperCase();
    if (checksum !== decoded.attachment.checksum) return [500, fault('Client', 'CHECKSUM', 'checksum mismatch')];
    try {
      const delivery = await options.mailbox.deliver({
        messageId: decoded.messageId,
        recipient: decoded.recipient,
        subject: decoded.subject,
        body: decoded.body,
        attachment: {
          filename: decoded.attachment.filename,
          contentType: 'application/pdf',
          content: decoded.attachment.content,
        },
        supportText: decoded.supportText,
      });
      return [200, deliveryResult(decoded.recipient, true, null, delivery.transactionId)];
    } catch (error) {
      if (!(error instanceof DigitalMailboxError)) throw error;
      if (error.failure === 'transport') return [500, fault('Server', 'UNAVAILABLE', 'try again later')];
      return [
        200,
        deliveryResult(decoded.recipient, false, error.errorCode ?? 'NOT_REACHABLE', `rejected-${request.xml.length}`),
      ];
    }
  }

  function verify(xml: string): boolean {
    const document = new DOMParser().parseFromString(xml, 'text/xml');
    const root = document.documentElement;
    const signature = root
      ? Array.from(root.childNodes)
          .filter(
            (n) =>
              n.nodeType === 1 && (n as Element).localName === 'Signature' && (n as Element).namespaceURI === NS.dsig,
          )
          .pop()
      : undefined;
    if (!signature) return false;
    const check = new SignedXml({ publicCert: options.senderCertificate });
    check.loadSignature(signature as never);
    try {
      return check.checkSignature(xml);
    } catch {
      return false;
    }
  }

  const server = options.tls
    ? https.createServer({ ...options.tls, requestCert: true, rejectUnauthorized: true }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  serviceAddress = `${url}/operator/service/v3`;

  return {
    url,
    recipientServiceUrl: `${url}/recipient/v3`,
    serviceAddress,
    seen,
    deliveries,
    answerNext(handler, path) {
      canned.push({ handler, path });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function decode(
  signedDelivery: Element,
  validity: { signedDeliveryValid: boolean; sealValid: boolean },
): DecodedDelivery {
  const delivery = child(signedDelivery, NS.messageV3, 'Delivery');
  const header = child(delivery, NS.messageV3, 'Header');
  const sender = child(header, NS.messageV2, 'Sender');
  const message = child(delivery, NS.messageV3, 'Message');
  const messageHeader = child(message, NS.messageV3, 'Header');
  const body = child(message, NS.messageV3, 'Body');
  const attachment = child(message, NS.messageV3, 'Attachment');
  const attachmentBase64 = text(attachment, NS.message, 'Body');
  return {
    senderId: text(sender, NS.sender, 'Id'),
    senderName: text(sender, NS.sender, 'Name'),
    recipient: text(header, NS.messageV2, 'Recipient'),
    reference: header.getElementsByTagNameNS(NS.messageV2, 'Reference')[0]?.textContent ?? null,
    messageId: text(messageHeader, NS.messageV3, 'Id'),
    subject: text(messageHeader, NS.messageV3, 'Subject'),
    supportText: text(child(messageHeader, NS.messageV3, 'Supportinfo'), NS.messageV3, 'Text'),
    language: text(messageHeader, NS.messageV3, 'Language'),
    bodyContentType: text(body, NS.message, 'ContentType'),
    body: Buffer.from(text(body, NS.message, 'Body'), 'base64').toString('utf8'),
    attachment: {
      contentType: text(attachment, NS.message, 'ContentType'),
      filename: text(attachment, NS.message, 'Filename'),
      checksum: text(attachment, NS.message, 'Checksum'),
      base64: attachmentBase64,
      content: new Uint8Array(Buffer.from(attachmentBase64, 'base64')),
    },
    ...validity,
  };
}

function firstElement(parent: Node): Element | null {
  return (Array.from(parent.childNodes).find((n) => n.nodeType === 1) as Element | undefined) ?? null;
}

/** The direct child in exactly this namespace, or a thrown error naming what is missing. */
function child(parent: Element, namespace: string, name: string): Element {
  const found = Array.from(parent.childNodes).find(
    (n) => n.nodeType === 1 && (n as Element).namespaceURI === namespace && (n as Element).localName === name,
  ) as Element | undefined;
  if (!found) throw new Error(`no {${namespace}}${name} in ${parent.localName}`);
  return found;
}

function text(parent: Element, namespace: string, name: string): string {
  return child(parent, namespace, name).textContent ?? '';
}

export function soap(response: http.ServerResponse, status: number, bodyXml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
  response.end(`<S:Envelope xmlns:S="${NS.soap}"><S:Body>${bodyXml}</S:Body></S:Envelope>`);
}

export function fault(code: 'Client' | 'Server', detailCode: string, message: string): string {
  return (
    `<S:Fault xmlns:S="${NS.soap}"><faultcode>S:${code}</faultcode><faultstring>${message}</faultstring>` +
    `<detail><ns2:ExceptionInformation xmlns:ns2="http://minameddelanden.gov.se/schema/Common"><ns2:Code>${detailCode}</ns2:Code><ns2:Message>${message}</ns2:Message></ns2:ExceptionInformation></detail></S:Fault>`
  );
}

export function deliveryResult(
  recipient: string,
  delivered: boolean,
  errorCode: string | null,
  transId: string,
): string {
  return (
    `<ns8:deliverSecureResponse xmlns:ns8="${NS.serviceV3}" xmlns:ns10="${NS.service}"><ns8:return>` +
    `<ns10:TransId>${transId}</ns10:TransId><ns10:Status><ns10:RecipientId>${recipient}</ns10:RecipientId>` +
    `<ns10:Delivered>${delivered}</ns10:Delivered>${errorCode ? `<ns10:ErrorCode>${errorCode}</ns10:ErrorCode>` : ''}</ns10:Status>` +
    `</ns8:return></ns8:deliverSecureResponse>`
  );
}
