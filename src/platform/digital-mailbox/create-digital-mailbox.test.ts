import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { syntheticPersonalNumber } from '../identity/personal-number.ts';
import { createDigitalMailbox } from './create-digital-mailbox.ts';
import { FakeDigitalMailbox } from './fake-digital-mailbox.ts';
import { startMinaMeddelandenDouble } from './test-fixtures/mina-meddelanden-double.ts';

const fixtures = join(import.meta.dirname, 'test-fixtures');
const certPath = join(fixtures, 'sender-cert.pem');
const keyPath = join(fixtures, 'sender-key.pem');
const otherKeyPath = join(fixtures, 'service-key.pem');
const scratch = mkdtempSync(join(tmpdir(), 'smb-mailbox-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const live = {
  DIGITAL_MAILBOX_URL: 'https://mm.example/Recipient/v3',
  DIGITAL_MAILBOX_SENDER_ORG_NUMBER: '212000-1124',
  DIGITAL_MAILBOX_SENDER_NAME: 'Testkommunen',
  DIGITAL_MAILBOX_TLS_CERT_PATH: certPath,
  DIGITAL_MAILBOX_TLS_KEY_PATH: keyPath,
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('createDigitalMailbox', () => {
  it('uses the in-memory demo mailbox in dev when no URL is set', () => {
    const configured = createDigitalMailbox(loadConfig({}));
    expect(configured.kind).toBe('fake');
    expect(configured.mailbox).toBeInstanceOf(FakeDigitalMailbox);
  });

  it('has no digital mailbox in production without a URL: a fake must never take a real decision', () => {
    expect(createDigitalMailbox({ ...loadConfig({}), isProduction: true })).toEqual({ kind: 'none', mailbox: null });
  });

  it('builds the Mina meddelanden adapter from the certificate files and talks to the service', async () => {
    const fake = new FakeDigitalMailbox([[syntheticPersonalNumber('1972-11-23', 601), { serviceName: 'Kivra' }]]);
    const double = await startMinaMeddelandenDouble({
      mailbox: fake,
      senderOrganisationNumber: '162120001124',
      senderCertificate: readFileSync(certPath, 'utf8'),
    });
    try {
      const configured = createDigitalMailbox(loadConfig({ ...live, DIGITAL_MAILBOX_URL: double.recipientServiceUrl }));
      expect(configured.kind).toBe('mina-meddelanden');
      const answer = await configured.mailbox!.reachability([syntheticPersonalNumber('1972-11-23', 601)]);
      expect([...answer.values()]).toEqual([{ reachable: true, serviceName: 'Kivra' }]);
    } finally {
      await double.close();
    }
  });

  it('stops the start when a certificate file is missing, naming the variable', () => {
    const problems = problemsOf(() =>
      createDigitalMailbox(loadConfig({ ...live, DIGITAL_MAILBOX_TLS_CERT_PATH: join(scratch, 'missing.pem') })),
    );
    expect(problems).toEqual([expect.stringContaining('DIGITAL_MAILBOX_TLS_CERT_PATH: cannot read')]);
  });

  it('stops the start when the key does not belong to the certificate', () => {
    const problems = problemsOf(() =>
      createDigitalMailbox(loadConfig({ ...live, DIGITAL_MAILBOX_TLS_KEY_PATH: otherKeyPath })),
    );
    expect(problems.join('\n')).toContain('does not belong to the certificate');
  });

  it('stops the start when a file is not a certificate', () => {
    const notPem = join(scratch, 'not.pem');
    writeFileSync(notPem, 'hello');
    const problems = problemsOf(() =>
      createDigitalMailbox(loadConfig({ ...live, DIGITAL_MAILBOX_TLS_CERT_PATH: notPem })),
    );
    expect(problems.join('\n')).toContain('DIGITAL_MAILBOX_TLS_CERT_PATH');
  });
});
