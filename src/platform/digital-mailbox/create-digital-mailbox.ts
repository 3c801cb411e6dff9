import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { ConfigError, type Config } from '../config/config.ts';
import { FakeDigitalMailbox } from './fake-digital-mailbox.ts';
import { createXmlSigner } from './mina-meddelanden.signing.ts';
import { MinaMeddelandenMailbox } from './mina-meddelanden.ts';

export type DigitalMailboxConfig = Pick<
  Config,
  | 'isProduction'
  | 'MUNICIPALITY_NAME'
  | 'BASE_URL'
  | 'DIGITAL_MAILBOX_URL'
  | 'DIGITAL_MAILBOX_SENDER_ORG_NUMBER'
  | 'DIGITAL_MAILBOX_SENDER_NAME'
  | 'DIGITAL_MAILBOX_TLS_CERT_PATH'
  | 'DIGITAL_MAILBOX_TLS_KEY_PATH'
  | 'DIGITAL_MAILBOX_TLS_CA_PATH'
  | 'DIGITAL_MAILBOX_SIGNING_CERT_PATH'
  | 'DIGITAL_MAILBOX_SIGNING_KEY_PATH'
  | 'DIGITAL_MAILBOX_SUPPORT_TEXT'
  | 'DIGITAL_MAILBOX_TIMEOUT_MS'
>;

export type ConfiguredDigitalMailbox =
  | { kind: 'mina-meddelanden'; mailbox: MinaMeddelandenMailbox }
  | { kind: 'fake'; mailbox: FakeDigitalMailbox }
  | { kind: 'none'; mailbox: null };

/**
 * The digital mailbox this installation uses: Mina meddelanden when DIGITAL_MAILBOX_URL is set;
 * otherwise the in-memory demo mailbox outside production, and none in production (decisions
 * then go by post — a fake must never swallow a real decision). Reads and checks the
 * certificate files at once, so a missing, mismatched or expired certificate stops the start
 * (ConfigError) instead of failing the first delivery.
 */
export function createDigitalMailbox(
  config: DigitalMailboxConfig,
  options: { clock?: () => Date } = {},
): ConfiguredDigitalMailbox {
  if (!config.DIGITAL_MAILBOX_URL) {
    if (config.isProduction) return { kind: 'none', mailbox: null };
    return { kind: 'fake', mailbox: FakeDigitalMailbox.forDemo(options.clock) };
  }
  // loadConfig has already required these with the URL; a caller that built its own config has not.
  const required = {
    DIGITAL_MAILBOX_SENDER_ORG_NUMBER: config.DIGITAL_MAILBOX_SENDER_ORG_NUMBER,
    DIGITAL_MAILBOX_SENDER_NAME: config.DIGITAL_MAILBOX_SENDER_NAME,
    DIGITAL_MAILBOX_TLS_CERT_PATH: config.DIGITAL_MAILBOX_TLS_CERT_PATH,
    DIGITAL_MAILBOX_TLS_KEY_PATH: config.DIGITAL_MAILBOX_TLS_KEY_PATH,
  };
  const missing = Object.entries(required).filter(([, value]) => !value);
  if (missing.length > 0)
    throw new ConfigError(missing.map(([name]) => `${name} is required when DIGITAL_MAILBOX_URL is set.`));

  const problems: string[] = [];
  const tls = readCredentials(
    ['DIGITAL_MAILBOX_TLS_CERT_PATH', required.DIGITAL_MAILBOX_TLS_CERT_PATH!],
    ['DIGITAL_MAILBOX_TLS_KEY_PATH', required.DIGITAL_MAILBOX_TLS_KEY_PATH!],
    problems,
  );
  const signing =
    config.DIGITAL_MAILBOX_SIGNING_CERT_PATH && config.DIGITAL_MAILBOX_SIGNING_KEY_PATH
      ? readCredentials(
          ['DIGITAL_MAILBOX_SIGNING_CERT_PATH', config.DIGITAL_MAILBOX_SIGNING_CERT_PATH],
          ['DIGITAL_MAILBOX_SIGNING_KEY_PATH', config.DIGITAL_MAILBOX_SIGNING_KEY_PATH],
          problems,
        )
      : tls;
  const ca = config.DIGITAL_MAILBOX_TLS_CA_PATH
    ? readPem('DIGITAL_MAILBOX_TLS_CA_PATH', config.DIGITAL_MAILBOX_TLS_CA_PATH, problems)
    : undefined;
  if (problems.length > 0 || !tls || !signing) throw new ConfigError(problems);

  const mailbox = new MinaMeddelandenMailbox({
    recipientServiceUrl: config.DIGITAL_MAILBOX_URL,
    sender: {
      organisationNumber: required.DIGITAL_MAILBOX_SENDER_ORG_NUMBER!,
      name: required.DIGITAL_MAILBOX_SENDER_NAME!,
    },
    agent: new https.Agent({ cert: tls.certificate, key: tls.privateKey, ...(ca ? { ca } : {}), keepAlive: true }),
    sign: createXmlSigner(signing),
    supportInfo: {
      text: config.DIGITAL_MAILBOX_SUPPORT_TEXT ?? `Frågor om meddelandet? Kontakta ${config.MUNICIPALITY_NAME}.`,
      url: config.BASE_URL,
    },
    timeoutMs: config.DIGITAL_MAILBOX_TIMEOUT_MS,
    // A local stand-in over http is fine in dev; production talks https only.
    allowHttp: !config.isProduction,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { kind: 'mina-meddelanden', mailbox };
}

function readPem(variable: string, path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`${variable}: cannot read ${path} (${(error as { code?: string }).code ?? 'error'}).`);
    return undefined;
  }
}

/** A certificate and its key, checked to parse, to belong together and to be valid now. */
function readCredentials(
  [certVariable, certPath]: [string, string],
  [keyVariable, keyPath]: [string, string],
  problems: string[],
): { certificate: string; privateKey: string } | undefined {
  const certificate = readPem(certVariable, certPath, problems);
  const privateKey = readPem(keyVariable, keyPath, problems);
  if (certificate === undefined || privateKey === undefined) return undefined;
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(certificate);
  } catch {
    problems.push(`${certVariable}: ${certPath} is not a PEM certificate.`);
    return undefined;
  }
  try {
    if (!parsed.checkPrivateKey(createPrivateKey(privateKey)))
      problems.push(`${keyVariable}: the key in ${keyPath} does not belong to the certificate in ${certPath}.`);
  } catch {
    problems.push(`${keyVariable}: ${keyPath} is not an unencrypted PEM private key.`);
    return undefined;
  }
  if (new Date(parsed.validTo) < new Date())
    problems.push(`${certVariable}: the certificate in ${certPath} expired on ${parsed.validTo}: renew it.`);
  return { certificate, privateKey };
}
