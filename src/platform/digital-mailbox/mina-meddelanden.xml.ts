import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/**
 * The SOAP 1.1 messages of Mina meddelanden (Förmedlingstjänsten, interface version 3), built
 * and read as XML. Pure functions: no I/O, no signing (mina-meddelanden.signing.ts does that).
 *
 * Every element is written without a namespace prefix, with a default `xmlns` wherever the
 * namespace changes. The service's reference client digests a signed element with its prefixes
 * removed; a document that has none signs and verifies the same either way, so what we sign
 * is byte for byte what we send.
 *
 * Element names and namespaces follow the service's XML schemas as published clients use them
 * (Recipient/v3 isReachable; Service/v3 deliverSecure carrying a Message/v3 SealedDelivery); see
 * README.md, "Digital mailbox", for what was checked against which source and what was not.
 */

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  recipientV3: 'http://minameddelanden.gov.se/schema/Recipient/v3',
  recipient: 'http://minameddelanden.gov.se/schema/Recipient',
  serviceV3: 'http://minameddelanden.gov.se/schema/Service/v3',
  service: 'http://minameddelanden.gov.se/schema/Service',
  messageV3: 'http://minameddelanden.gov.se/schema/Message/v3',
  messageV2: 'http://minameddelanden.gov.se/schema/Message/v2',
  message: 'http://minameddelanden.gov.se/schema/Message',
  sender: 'http://minameddelanden.gov.se/schema/Sender',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

// Made on first use, not at start: only an installation with Mina meddelanden builds or reads these messages.
let xml: { builder: XMLBuilder; parser: XMLParser } | undefined;
function xmlTools(): { builder: XMLBuilder; parser: XMLParser } {
  if (xml) return xml;
  const fxp = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
  xml = {
    builder: new fxp.XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false }),
    parser: new fxp.XMLParser({
      ignoreAttributes: true,
      removeNSPrefix: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: true,
    }),
  };
  return xml;
}

type XmlNode = { [name: string]: unknown };

/** An element in another namespace than its parent's: `{ '@_xmlns': ns, … }`. */
function inNamespace(namespace: string, content: string | XmlNode): XmlNode {
  return typeof content === 'string'
    ? { '@_xmlns': namespace, '#text': content }
    : { '@_xmlns': namespace, ...content };
}

/** The SOAP 1.1 envelope around one body element (already XML). */
export function soapEnvelope(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

/** Recipient service: `isReachable(senderOrgNr, recipientId[])`. */
export function isReachableRequest(senderOrganisationNumber: string, recipients: readonly string[]): string {
  return soapEnvelope(
    xmlTools().builder.build({
      isReachable: inNamespace(NS.recipientV3, {
        senderOrgNr: senderOrganisationNumber,
        recipientId: [...recipients],
      }),
    }) as string,
  );
}

export interface SecureDeliveryContent {
  sender: { organisationNumber: string; name: string };
  recipient: string;
  /** Message/Header/Id, and the delivery's Reference: the caller's messageId. */
  messageId: string;
  subject: string;
  body: string;
  supportInfo: { text: string; url?: string; phoneNumber?: string; emailAddress?: string };
  attachment: { filename: string; contentType: string; content: Uint8Array };
}

/** The attachment's checksum as the service wants it: MD5 of the content, upper-case hex. */
export function attachmentChecksum(content: Uint8Array): string {
  return createHash('md5').update(content).digest('hex').toUpperCase();
}

function base64(content: Uint8Array): string {
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
}

/**
 * The SignedDelivery before its signature: a SecureDelivery with its header (sender, recipient,
 * reference) and one message with a plain-text body and the PDF. The sender signs this element.
 */
export function unsignedSignedDelivery(content: SecureDeliveryContent): string {
  const supportinfo: XmlNode = { Text: content.supportInfo.text };
  if (content.supportInfo.url) supportinfo.URL = content.supportInfo.url;
  if (content.supportInfo.phoneNumber) supportinfo.PhoneNumber = content.supportInfo.phoneNumber;
  if (content.supportInfo.emailAddress) supportinfo.EmailAdress = content.supportInfo.emailAddress;
  return xmlTools().builder.build({
    SignedDelivery: inNamespace(NS.messageV3, {
      Delivery: {
        Header: {
          Sender: inNamespace(NS.messageV2, {
            Id: inNamespace(NS.sender, content.sender.organisationNumber),
            Name: inNamespace(NS.sender, content.sender.name),
          }),
          Recipient: inNamespace(NS.messageV2, content.recipient),
          Reference: inNamespace(NS.messageV2, content.messageId),
        },
        Message: {
          Header: {
            Id: content.messageId,
            Subject: content.subject,
            Supportinfo: supportinfo,
            Language: 'svSE',
          },
          Body: {
            ContentType: inNamespace(NS.message, 'text/plain'),
            Body: inNamespace(NS.message, Buffer.from(content.body, 'utf8').toString('base64')),
          },
          Attachment: {
            ContentType: inNamespace(NS.message, content.attachment.contentType),
            Body: inNamespace(NS.message, base64(content.attachment.content)),
            Checksum: inNamespace(NS.message, attachmentChecksum(content.attachment.content)),
            Filename: inNamespace(NS.message, content.attachment.filename),
          },
        },
      },
    }),
  }) as string;
}

const SEALED_OPEN = `<SealedDelivery xmlns="${NS.messageV3}">`;
const SEALED_CLOSE = '</SealedDelivery>';

/**
 * The SealedDelivery before its signature: the signed delivery and the sender's seal (time,
 * signatures checked). Children carry their own xmlns so the element can be renamed for the
 * wire (sealedDeliveryForWire) without moving them to another namespace.
 */
export function unsignedSealedDelivery(signedDeliveryXml: string, receivedTime: Date): string {
  const seal = xmlTools().builder.build({
    Seal: inNamespace(NS.messageV3, {
      ReceivedTime: inNamespace(NS.message, receivedTime.toISOString()),
      SignaturesOK: inNamespace(NS.message, 'true'),
    }),
  }) as string;
  return `${SEALED_OPEN}${signedDeliveryXml}${seal}${SEALED_CLOSE}`;
}

/**
 * The service's wire form: the signed SealedDelivery travels as the `deliverSecure` element of
 * the Service/v3 operation; the service renames it back to SealedDelivery to check the seal.
 */
export function deliverSecureRequest(signedSealedDeliveryXml: string): string {
  const xml = signedSealedDeliveryXml.replace(/^<\?xml[^>]*\?>/, '');
  if (!xml.startsWith(SEALED_OPEN) || !xml.endsWith(SEALED_CLOSE))
    throw new Error('the signer must return the SealedDelivery element it was given, signed');
  const inner = xml.slice(SEALED_OPEN.length, -SEALED_CLOSE.length);
  return soapEnvelope(`<deliverSecure xmlns="${NS.serviceV3}"><deliverSecure>${inner}</deliverSecure></deliverSecure>`);
}

// ---- Answers -------------------------------------------------------------------------------

export type SoapAnswer =
  | { kind: 'body'; body: Record<string, unknown> }
  | { kind: 'fault'; faultCode: string; detailCode: string | null }
  | { kind: 'malformed'; where: string };

/** Reads a SOAP 1.1 envelope: its body element(s), or its fault (code and the detail's error code only). */
export function readSoapAnswer(xml: string): SoapAnswer {
  let document: unknown;
  try {
    document = xmlTools().parser.parse(xml, true);
  } catch {
    return { kind: 'malformed', where: 'not XML' };
  }
  const body = (document as { Envelope?: { Body?: unknown } } | undefined)?.Envelope?.Body;
  if (!body || typeof body !== 'object') return { kind: 'malformed', where: 'no SOAP Body' };
  const fault = (body as { Fault?: unknown }).Fault;
  if (fault !== undefined) {
    const faultCode = String((fault as { faultcode?: unknown }).faultcode ?? '');
    return {
      kind: 'fault',
      faultCode: faultCode.replace(/^.*:/, ''),
      detailCode: findCode((fault as { detail?: unknown }).detail),
    };
  }
  return { kind: 'body', body: body as Record<string, unknown> };
}

/** The first `ErrorCode`/`Code`/`code` in a fault's detail, wherever the service put it. */
function findCode(node: unknown): string | null {
  if (!node || typeof node !== 'object') return null;
  for (const [key, value] of Object.entries(node)) {
    if (
      (key === 'ErrorCode' || key === 'Code' || key === 'code') &&
      (typeof value === 'string' || typeof value === 'number')
    )
      return String(value);
  }
  for (const value of Object.values(node)) {
    const found = findCode(value);
    if (found) return found;
  }
  return null;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

const xmlBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const reachabilityStatusSchema = z.object({
  AccountStatus: z.object({
    RecipientId: z.string().regex(/^\d{12}$/),
    Type: z.string().optional(),
    Pending: xmlBoolean.optional(),
    ServiceSupplier: z
      .object({
        Id: z.string().optional(),
        Name: z.string().optional(),
        ServiceAdress: z.string().optional(),
      })
      .optional(),
  }),
  SenderAccepted: xmlBoolean.optional(),
});

export interface RecipientStatus {
  recipient: string;
  reachable: boolean;
  serviceName?: string;
  /** Where deliverSecure goes for this recipient (the mailbox operator's endpoint). */
  serviceAddress?: string;
}

/** isReachableResponse → one status per recipient; null when the answer is outside the contract (the reason in `where`). */
export function readIsReachableResponse(
  body: Record<string, unknown>,
): { statuses: RecipientStatus[] } | { where: string } {
  const response = body.isReachableResponse;
  if (response === undefined) return { where: 'no isReachableResponse' };
  // An empty response element (nobody asked about has an account) reads as ''.
  const returns =
    typeof response === 'object' && response !== null ? (response as { return?: unknown }).return : undefined;
  const statuses: RecipientStatus[] = [];
  for (const item of asArray(returns)) {
    const parsed = reachabilityStatusSchema.safeParse(item);
    if (!parsed.success) return { where: issuePaths(parsed.error) };
    const account = parsed.data.AccountStatus;
    const supplier = account.ServiceSupplier;
    const serviceAddress = supplier?.ServiceAdress?.trim() || undefined;
    // Reachable = a Secure account, registration complete, the sender accepted, and somewhere to deliver.
    const reachable =
      account.Type === 'Secure' &&
      account.Pending !== true &&
      parsed.data.SenderAccepted === true &&
      serviceAddress !== undefined;
    const status: RecipientStatus = { recipient: account.RecipientId, reachable };
    if (supplier?.Name) status.serviceName = supplier.Name;
    if (serviceAddress) status.serviceAddress = serviceAddress;
    statuses.push(status);
  }
  return { statuses };
}

const deliveryResultSchema = z.object({
  TransId: z.string().min(1),
  Status: z.unknown(),
});
const deliveryStatusSchema = z.object({
  RecipientId: z.string().regex(/^\d{12}$/),
  Delivered: xmlBoolean,
  ErrorCode: z.union([z.string(), z.number()]).optional(),
});

export interface DeliveryAnswer {
  transactionId: string;
  statuses: Array<{ recipient: string; delivered: boolean; errorCode: string | null }>;
}

/** deliverSecureResponse → the DeliveryResult (TransId and per-recipient status). */
export function readDeliverSecureResponse(body: Record<string, unknown>): DeliveryAnswer | { where: string } {
  const response = body.deliverSecureResponse;
  if (!response || typeof response !== 'object') return { where: 'no deliverSecureResponse' };
  const result = deliveryResultSchema.safeParse((response as { return?: unknown }).return);
  if (!result.success) return { where: issuePaths(result.error) };
  const statuses: DeliveryAnswer['statuses'] = [];
  for (const item of asArray(result.data.Status)) {
    const status = deliveryStatusSchema.safeParse(item);
    if (!status.success) return { where: `Status.${issuePaths(status.error)}` };
    statuses.push({
      recipient: status.data.RecipientId,
      delivered: status.data.Delivered,
      errorCode:
        status.data.ErrorCode === undefined || status.data.ErrorCode === '' ? null : String(status.data.ErrorCode),
    });
  }
  return { transactionId: result.data.TransId, statuses };
}

/** Paths only: the values may be identity numbers. */
function issuePaths(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
}
