import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config/config.ts';

/** A production environment that passes every check; each test breaks one thing. */
const SAFE_PRODUCTION: Record<string, string> = {
  NODE_ENV: 'production',
  AUTH_MODE: 'oidc',
  SESSION_SECRET: 'x'.repeat(64),
  AUDIT_HMAC_KEY: 'k'.repeat(64),
  BASE_URL: 'https://tjanster.malmo.example',
  STAFF_OIDC_ISSUER: 'https://login.microsoftonline.example/tenant/v2.0',
  STAFF_OIDC_CLIENT_ID: 'staff-client',
  STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
  RESIDENT_OIDC_ISSUER: 'https://eid-broker.example',
  RESIDENT_OIDC_CLIENT_ID: 'resident-client',
  RESIDENT_OIDC_CLIENT_SECRET: 'resident-secret',
  POPULATION_REGISTER_URL: 'https://integration.malmo.example/folkbokforing/v1',
  STUDENT_RECORDS_URL: 'https://integration.malmo.example/elevregister/v1',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('works with an empty environment: dev mode, embedded database, demo seed, port 3000', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.isProduction).toBe(false);
    expect(config.AUTH_MODE).toBe('dev');
    expect(config.SEED_DEMO).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
    expect(config.PORT).toBe(3000);
    expect(config.BASE_URL).toBe('http://localhost:3000');
    expect(config.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.AUDIT_HMAC_KEY.length).toBeGreaterThanOrEqual(32);
    expect(config.RATE_LIMIT_MAX).toBeGreaterThan(0);
  });

  it('accepts a complete, safe production configuration', () => {
    const config = loadConfig(SAFE_PRODUCTION);
    expect(config.isProduction).toBe(true);
    expect(config.AUTH_MODE).toBe('oidc');
    expect(config.SEED_DEMO).toBe(false);
  });

  it.each([
    ['AUTH_MODE', { AUTH_MODE: 'dev' }],
    ['SESSION_SECRET', { SESSION_SECRET: undefined }],
    ['SESSION_SECRET', { SESSION_SECRET: 'too-short' }],
    ['AUDIT_HMAC_KEY', { AUDIT_HMAC_KEY: undefined }],
    ['AUDIT_HMAC_KEY', { AUDIT_HMAC_KEY: 'too-short' }],
    ['AUDIT_HMAC_KEY', { AUDIT_HMAC_KEY: 'dev-only-audit-key-not-for-production-use-0123456789' }],
    ['BASE_URL', { BASE_URL: undefined }],
    ['BASE_URL', { BASE_URL: 'http://tjanster.malmo.example' }],
    ['SEED_DEMO', { SEED_DEMO: 'true' }],
    ['POPULATION_REGISTER_URL', { POPULATION_REGISTER_URL: undefined }],
    ['STUDENT_RECORDS_URL', { STUDENT_RECORDS_URL: 'http://integration.malmo.example/elevregister/v1' }],
  ] as const)('production refuses an unsafe %s (%j) with a message naming the variable', (variable, change) => {
    const problems = problemsOf({ ...SAFE_PRODUCTION, ...change });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(variable);
  });

  it('refuses oidc mode without the identity provider settings, naming each missing one', () => {
    const problems = problemsOf({
      ...SAFE_PRODUCTION,
      RESIDENT_OIDC_CLIENT_SECRET: undefined,
      STAFF_OIDC_ISSUER: undefined,
    });
    expect(problems.join('\n')).toContain('RESIDENT_OIDC_CLIENT_SECRET');
    expect(problems.join('\n')).toContain('STAFF_OIDC_ISSUER');
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({ NODE_ENV: 'production', AUTH_MODE: 'dev', SEED_DEMO: 'true' });
    const text = problems.join('\n');
    for (const variable of ['AUTH_MODE', 'SESSION_SECRET', 'AUDIT_HMAC_KEY', 'BASE_URL', 'SEED_DEMO'])
      expect(text).toContain(variable);
  });

  it('rejects malformed values with the variable name (PORT, MUNICIPALITY_CODE)', () => {
    expect(problemsOf({ PORT: 'eighty' }).join('\n')).toContain('PORT');
    expect(problemsOf({ MUNICIPALITY_CODE: '12' }).join('\n')).toContain('MUNICIPALITY_CODE');
  });
});

describe('OIDC_GROUP_ROLES (staff roles from Entra groups)', () => {
  it('is empty when unset or blank', () => {
    expect(loadConfig({}).OIDC_GROUP_ROLES).toEqual({});
    expect(loadConfig({ OIDC_GROUP_ROLES: '  ' }).OIDC_GROUP_ROLES).toEqual({});
  });

  it('parses <group>=<role> pairs, trimming spaces, lower-casing groups and roles', () => {
    const config = loadConfig({
      ...SAFE_PRODUCTION,
      OIDC_GROUP_ROLES:
        ' 3F2A9C10-0000-4000-8000-0000000000E1 = caseworker , sg-socialtjanst-admin=Admin,lab=civic-lab,lab=civic-lab',
    });
    expect(config.OIDC_GROUP_ROLES).toEqual({
      '3f2a9c10-0000-4000-8000-0000000000e1': 'caseworker',
      'sg-socialtjanst-admin': 'admin',
      lab: 'civic-lab',
    });
  });

  it.each([
    ['an unknown role', 'g1=superuser', 'unknown role "superuser"'],
    ['the resident role', 'g1=resident', 'resident role cannot be given'],
    ['an empty group', '=admin', 'the group is empty'],
    ['an entry without "="', 'g1', 'write GROUP=ROLE'],
    ['an empty entry (stray comma)', 'g1=admin,,g2=caseworker', 'entry 2'],
    ['one group with two roles', 'g1=caseworker,G1=admin', 'already mapped to caseworker'],
  ])('refuses %s at start-up, naming the variable and the entry', (_what, value, message) => {
    const problems = problemsOf({ ...SAFE_PRODUCTION, OIDC_GROUP_ROLES: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('OIDC_GROUP_ROLES');
    expect(problems[0]).toContain(message);
  });

  it('reports every bad entry at once', () => {
    const problems = problemsOf({ OIDC_GROUP_ROLES: 'g1=root,g2=resident,g3=admin' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('entry 1');
    expect(problems.join('\n')).toContain('entry 2');
  });
});

describe('DRAFT_RETENTION_DAYS', () => {
  it('keeps drafts 30 days by default and accepts 1–365', () => {
    expect(loadConfig({}).DRAFT_RETENTION_DAYS).toBe(30);
    expect(loadConfig({ DRAFT_RETENTION_DAYS: '1' }).DRAFT_RETENTION_DAYS).toBe(1);
    expect(loadConfig({ DRAFT_RETENTION_DAYS: '365' }).DRAFT_RETENTION_DAYS).toBe(365);
  });

  it.each(['0', '366', '7.5', 'a month'])('refuses %j, naming the variable', (value) => {
    expect(problemsOf({ DRAFT_RETENTION_DAYS: value }).join('\n')).toContain('DRAFT_RETENTION_DAYS');
  });
});

describe('DIGITAL_MAILBOX_* (Mina meddelanden)', () => {
  const mailbox = {
    DIGITAL_MAILBOX_URL: 'https://mm.example/Recipient/v3',
    DIGITAL_MAILBOX_SENDER_ORG_NUMBER: '212000-1124',
    DIGITAL_MAILBOX_SENDER_NAME: 'Malmö stad',
    DIGITAL_MAILBOX_TLS_CERT_PATH: '/etc/smorgasbord/mm-cert.pem',
    DIGITAL_MAILBOX_TLS_KEY_PATH: '/etc/smorgasbord/mm-key.pem',
  };

  it('is optional: production starts without a digital mailbox', () => {
    expect(loadConfig(SAFE_PRODUCTION).DIGITAL_MAILBOX_URL).toBeUndefined();
  });

  it('writes the sender’s organisation number in the service’s 12-digit form', () => {
    const config = loadConfig({ ...SAFE_PRODUCTION, ...mailbox });
    expect(config.DIGITAL_MAILBOX_SENDER_ORG_NUMBER).toBe('162120001124');
    expect(config.DIGITAL_MAILBOX_TIMEOUT_MS).toBe(15_000);
  });

  it('refuses an organisation number with a wrong check digit, naming the variable', () => {
    expect(problemsOf({ DIGITAL_MAILBOX_SENDER_ORG_NUMBER: '212000-1125' }).join('\n')).toContain(
      'DIGITAL_MAILBOX_SENDER_ORG_NUMBER',
    );
  });

  it('names each setting the URL needs when it is missing', () => {
    const problems = problemsOf({ DIGITAL_MAILBOX_URL: 'https://mm.example/Recipient/v3' }).join('\n');
    for (const name of [
      'DIGITAL_MAILBOX_SENDER_ORG_NUMBER',
      'DIGITAL_MAILBOX_SENDER_NAME',
      'DIGITAL_MAILBOX_TLS_CERT_PATH',
      'DIGITAL_MAILBOX_TLS_KEY_PATH',
    ])
      expect(problems).toContain(name);
  });

  it('refuses plain http in production and a signing certificate without its key', () => {
    expect(
      problemsOf({ ...SAFE_PRODUCTION, ...mailbox, DIGITAL_MAILBOX_URL: 'http://mm.example/Recipient/v3' }),
    ).toEqual(['DIGITAL_MAILBOX_URL must use https in production.']);
    expect(problemsOf({ ...mailbox, DIGITAL_MAILBOX_SIGNING_CERT_PATH: '/etc/sign.pem' }).join('\n')).toContain(
      'DIGITAL_MAILBOX_SIGNING_KEY_PATH',
    );
  });
});

describe('npm start with a bad production configuration', () => {
  /** Runs src/main.ts like `npm start` does, with only the given environment (no inherited secrets). */
  function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; dataDir: string }> {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'smb-main-')), 'data');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, dataDir });
      });
    });
  }

  it('exits with code 78 (EX_CONFIG) and names each missing secret, before touching the database', async () => {
    const result = await runMain({ NODE_ENV: 'production' });
    try {
      expect(result.code).toBe(78);
      expect(result.stderr).toContain('Configuration is not valid');
      expect(result.stderr).toContain('SESSION_SECRET');
      expect(result.stderr).toContain('BASE_URL');
      expect(result.stderr).toContain('STAFF_OIDC_ISSUER');
      // The configuration is checked first, so no database files were created.
      expect(() => readdirSync(result.dataDir)).toThrow();
    } finally {
      rmSync(join(result.dataDir, '..'), { recursive: true, force: true });
    }
  }, 40_000);

  it('exits with code 78 when production is asked to run the dev identity provider', async () => {
    const result = await runMain({
      NODE_ENV: 'production',
      AUTH_MODE: 'dev',
      SESSION_SECRET: 'y'.repeat(40),
      BASE_URL: 'https://tjanster.malmo.example',
    });
    rmSync(join(result.dataDir, '..'), { recursive: true, force: true });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('AUTH_MODE=dev');
  }, 40_000);
});
