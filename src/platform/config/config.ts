import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../auth/roles.ts';
import { normalizeOrganisationNumber } from '../digital-mailbox/digital-mailbox.ts';

/**
 * The one place that reads the environment. Every variable is described here; `npm run cli --
 * config` prints this reference, and the README's configuration table is generated from it.
 * Defaults make `npm start` work with no environment at all (dev mode, embedded database).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * OIDC_GROUP_ROLES: `<group>=<role>` pairs separated by commas → group (lower-cased) → staff role.
 * Strict: an entry that is not a pair, an empty group, a role that is not a staff role, or one
 * group given two roles is a start-up error (each one reported), never silently skipped — a
 * mapping that quietly drops an entry leaves caseworkers without access, or worse.
 */
function parseGroupRoles(value: string | undefined, ctx: z.RefinementCtx): Readonly<Record<string, StaffRole>> {
  const mapping = new Map<string, StaffRole>();
  if (value === undefined || value.trim() === '') return {};
  const roleList = STAFF_ROLES.join(', ');
  for (const [index, entry] of value.split(',').entries()) {
    const problem = (message: string) =>
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1} ("${entry.trim()}"): ${message}` });
    // The role never contains "=", so a group name that does still parses.
    const at = entry.lastIndexOf('=');
    if (at < 0) {
      problem('write GROUP=ROLE (the group’s object id or name, then the role), pairs separated by commas.');
      continue;
    }
    const group = entry.slice(0, at).trim();
    const roleText = entry
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (!group) problem('the group is empty: put the group’s object id (or name) before "=".');
    const role = STAFF_ROLES.find((r) => r === roleText);
    if (roleText === 'resident') problem('the resident role cannot be given through a staff group.');
    else if (!role) problem(`unknown role "${roleText}": use one of ${roleList}.`);
    if (!group || !role) continue;
    const earlier = mapping.get(group.toLowerCase());
    if (earlier && earlier !== role)
      problem(
        `group "${group}" is already mapped to ${earlier}: give each group one role (make a second group for the second role).`,
      );
    else mapping.set(group.toLowerCase(), role);
  }
  return Object.fromEntries(mapping);
}

export const configSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('development | test | production. Production refuses unsafe settings.'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port.'),
  HOST: z.string().default('0.0.0.0').describe('Interface to listen on.'),
  BASE_URL: z
    .url()
    .optional()
    .describe('Public URL of the service, e.g. https://tjanster.malmo.se. Required in production.'),
  ROLE: z
    .enum(['all', 'web', 'worker'])
    .default('all')
    .describe('all = HTTP server and job worker; web = HTTP only; worker = jobs only.'),
  DATA_DIR: z.string().default('./data').describe('Where the embedded database (PGlite) keeps its files.'),
  DATABASE_URL: z
    .string()
    .optional()
    .describe('postgres://… — use PostgreSQL ≥ 15 instead of the embedded database. Sensitive.'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(10)
    .describe('Connections per process (PostgreSQL).'),
  SESSION_SECRET: z
    .string()
    .min(32, 'SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`).')
    .optional()
    .describe('Secret for signing cookies and CSRF tokens. Required in production. Sensitive.'),
  AUDIT_HMAC_KEY: z
    .string()
    .min(32, 'AUDIT_HMAC_KEY must be at least 32 characters (e.g. `openssl rand -hex 32`).')
    .optional()
    .describe(
      'Key that signs the audit log’s checkpoints and retention markers (HMAC-SHA256); keep it outside the database and its backups, and never change it while `audit verify` must still check older checkpoints. Required in production. Sensitive.',
    ),
  AUTH_MODE: z
    .enum(['dev', 'oidc'])
    .optional()
    .describe(
      'dev = built-in test identity provider with test users (never in production); oidc = real providers. Default: dev outside production.',
    ),
  STAFF_OIDC_ISSUER: z.url().optional().describe('Issuer URL of the staff identity provider (Entra ID).'),
  STAFF_OIDC_CLIENT_ID: z.string().optional().describe('Client id registered for staff sign-in.'),
  STAFF_OIDC_CLIENT_SECRET: z.string().optional().describe('Client secret for staff sign-in. Sensitive.'),
  OIDC_GROUP_ROLES: z
    .string()
    .optional()
    .transform(parseGroupRoles)
    .describe(
      'Staff roles from Entra ID groups: GROUP=ROLE pairs separated by commas, e.g. 3f2a9c10-…=caseworker,9c41d2e0-…=admin. GROUP is the group’s object id (or its name, if the groups claim carries names); ROLE is employee, caseworker, civic-lab or admin. Needs the groups claim in the ID token. Adds to Entra app roles; roles are re-read at every sign-in, so leaving a group takes its role away.',
    ),
  RESIDENT_OIDC_ISSUER: z.url().optional().describe('Issuer URL of the e-ID broker (BankID/Freja) for residents.'),
  RESIDENT_OIDC_CLIENT_ID: z.string().optional().describe('Client id registered for resident sign-in.'),
  RESIDENT_OIDC_CLIENT_SECRET: z.string().optional().describe('Client secret for resident sign-in. Sensitive.'),
  RATE_LIMIT_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe('Requests per minute before 429: per signed-in person, per address for anonymous requests.'),
  RULES_API_RATE_LIMIT_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe('Requests per minute per client address to the public rule simulation API before 429.'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(720)
    .default(12)
    .describe('Idle lifetime of a sign-in session.'),
  SMTP_URL: z
    .string()
    .optional()
    .describe('smtp(s)://user:pass@host:port — send e-mail; without it mail goes to the outbox table. Sensitive.'),
  MAIL_FROM: z.string().default('Malmö stad <noreply@malmo.example>').describe('Sender of e-mail.'),
  TEAMS_WEBHOOK_URL: z
    .url()
    .optional()
    .describe('Incoming-webhook URL of a Teams channel for notifications. Sensitive.'),
  MUNICIPALITY_CODE: z
    .string()
    .regex(/^\d{4}$/)
    .default('1280')
    .describe('Kommunkod of the municipality (1280 = Malmö).'),
  MUNICIPALITY_NAME: z.string().default('Malmö stad').describe('Name shown in the header.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  METRICS_TOKEN: z.string().min(16).optional().describe('When set, /metrics requires this bearer token. Sensitive.'),
  SEED_DEMO: bool
    .optional()
    .describe('Seed the demo municipality and test users at start. Default: true outside production.'),
  POPULATION_REGISTER_URL: z
    .url()
    .optional()
    .describe(
      'Base URL of the population register integration (folkbokföring; API in src/modules/sfi/facts/README.md). Without it and STUDENT_RECORDS_URL the SFI pipeline reads the synthetic demo register. Required in production.',
    ),
  STUDENT_RECORDS_URL: z
    .url()
    .optional()
    .describe(
      'Base URL of the municipality’s student records integration (earlier SFI admission, course D). Required in production.',
    ),
  REGISTERS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('Bearer token sent to both register integrations. Sensitive.'),
  DIGITAL_MAILBOX_URL: z
    .url()
    .optional()
    .describe(
      'Endpoint of the Recipient service of Mina meddelanden (Digg’s Förmedlingstjänst), e.g. …/Recipient/v3. Without it the platform has no digital mailbox in production, and an in-memory demo mailbox (Amina has Kivra) otherwise.',
    ),
  DIGITAL_MAILBOX_SENDER_ORG_NUMBER: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const normalized = normalizeOrganisationNumber(value);
      if (!normalized)
        ctx.addIssue({
          code: 'custom',
          message: 'not a valid organisation number: write it as NNNNNN-NNNN, e.g. 212000-1124.',
        });
      return normalized ?? undefined;
    })
    .describe(
      'The municipality’s organisation number as the sender registered with Mina meddelanden (NNNNNN-NNNN; sent as 16NNNNNNNNNN). Required with DIGITAL_MAILBOX_URL.',
    ),
  DIGITAL_MAILBOX_SENDER_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('The sender’s name as registered with Mina meddelanden. Required with DIGITAL_MAILBOX_URL.'),
  DIGITAL_MAILBOX_TLS_CERT_PATH: z
    .string()
    .optional()
    .describe(
      'PEM file: the organisation certificate (funktionscertifikat) for mutual TLS; also signs the messages unless DIGITAL_MAILBOX_SIGNING_CERT_PATH is set. Required with DIGITAL_MAILBOX_URL.',
    ),
  DIGITAL_MAILBOX_TLS_KEY_PATH: z
    .string()
    .optional()
    .describe(
      'PEM file: the unencrypted private key of DIGITAL_MAILBOX_TLS_CERT_PATH (keep the file readable by the service only). Required with DIGITAL_MAILBOX_URL.',
    ),
  DIGITAL_MAILBOX_TLS_CA_PATH: z
    .string()
    .optional()
    .describe(
      'PEM file: the CA certificates that issue the service’s and the mailbox operators’ TLS certificates. Default: Node’s CA bundle.',
    ),
  DIGITAL_MAILBOX_SIGNING_CERT_PATH: z
    .string()
    .optional()
    .describe(
      'PEM file: a separate certificate for the messages’ XML signatures (with DIGITAL_MAILBOX_SIGNING_KEY_PATH).',
    ),
  DIGITAL_MAILBOX_SIGNING_KEY_PATH: z
    .string()
    .optional()
    .describe('PEM file: the unencrypted private key of DIGITAL_MAILBOX_SIGNING_CERT_PATH.'),
  DIGITAL_MAILBOX_SUPPORT_TEXT: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .describe(
      'Shown with every digital mailbox message: whom to ask about it. Default: “Frågor om meddelandet? Kontakta <MUNICIPALITY_NAME>.” and BASE_URL.',
    ),
  DIGITAL_MAILBOX_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(120_000)
    .default(15_000)
    .describe('Time allowed for one call to Mina meddelanden, in milliseconds.'),
  DRAFT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe(
      'Days an e-service draft (an application not sent yet) is kept after its last change; a nightly job then deletes it with everything attached. 1–365.',
    ),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2).describe('How often the worker polls for jobs.'),
  TRUST_PROXY: bool
    .default(false)
    .describe(
      'Trust X-Forwarded-* headers (behind a load balancer, nginx or Varnish). Set it behind one: otherwise every visitor has the proxy’s address and all anonymous visitors share one rate limit.',
    ),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<
  RawConfig,
  'AUTH_MODE' | 'SEED_DEMO' | 'SESSION_SECRET' | 'AUDIT_HMAC_KEY' | 'BASE_URL'
> {
  AUTH_MODE: 'dev' | 'oidc';
  SEED_DEMO: boolean;
  SESSION_SECRET: string;
  AUDIT_HMAC_KEY: string;
  BASE_URL: string;
  isProduction: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SECRET = 'dev-only-secret-not-for-production-use-0123456789';
/** Signs audit checkpoints outside production (and in tests); production refuses to start with it. */
export const DEV_AUDIT_HMAC_KEY = 'dev-only-audit-key-not-for-production-use-0123456789';

/** Parses the environment once; throws ConfigError with every problem and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const authMode = raw.AUTH_MODE ?? (isProduction ? 'oidc' : 'dev');
  const problems: string[] = [];
  if (isProduction) {
    if (authMode === 'dev')
      problems.push(
        'AUTH_MODE=dev is not allowed in production: set AUTH_MODE=oidc and the STAFF_OIDC_* / RESIDENT_OIDC_* variables.',
      );
    if (!raw.SESSION_SECRET)
      problems.push(
        'SESSION_SECRET is required in production: set it to at least 32 random characters (e.g. `openssl rand -hex 32`).',
      );
    if (!raw.AUDIT_HMAC_KEY)
      problems.push(
        'AUDIT_HMAC_KEY is required in production: set it to at least 32 random characters (e.g. `openssl rand -hex 32`), kept outside the database.',
      );
    else if (raw.AUDIT_HMAC_KEY === DEV_AUDIT_HMAC_KEY)
      problems.push(
        'AUDIT_HMAC_KEY must not be the development key in production: generate one with `openssl rand -hex 32`.',
      );
    if (!raw.BASE_URL)
      problems.push('BASE_URL is required in production: set it to the public https URL of the service.');
    else if (!raw.BASE_URL.startsWith('https://')) problems.push('BASE_URL must use https in production.');
    if (raw.SEED_DEMO) problems.push('SEED_DEMO=true is not allowed in production: demo users must never exist there.');
    // Decisions on real applications must never be taken on the synthetic demo register.
    for (const name of ['POPULATION_REGISTER_URL', 'STUDENT_RECORDS_URL'] as const) {
      const url = raw[name];
      if (!url)
        problems.push(
          `${name} is required in production: SFI decisions must read the real register, not the synthetic demo one.`,
        );
      else if (!url.startsWith('https://')) problems.push(`${name} must use https in production.`);
    }
  }
  if (raw.DIGITAL_MAILBOX_URL) {
    for (const name of [
      'DIGITAL_MAILBOX_SENDER_ORG_NUMBER',
      'DIGITAL_MAILBOX_SENDER_NAME',
      'DIGITAL_MAILBOX_TLS_CERT_PATH',
      'DIGITAL_MAILBOX_TLS_KEY_PATH',
    ] as const)
      if (!raw[name]) problems.push(`${name} is required when DIGITAL_MAILBOX_URL is set.`);
    if (isProduction && !raw.DIGITAL_MAILBOX_URL.startsWith('https://'))
      problems.push('DIGITAL_MAILBOX_URL must use https in production.');
  }
  if (Boolean(raw.DIGITAL_MAILBOX_SIGNING_CERT_PATH) !== Boolean(raw.DIGITAL_MAILBOX_SIGNING_KEY_PATH))
    problems.push(
      'DIGITAL_MAILBOX_SIGNING_CERT_PATH and DIGITAL_MAILBOX_SIGNING_KEY_PATH go together: set both or neither.',
    );
  if (authMode === 'oidc') {
    for (const who of ['STAFF', 'RESIDENT'] as const) {
      for (const key of ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET'] as const) {
        const name = `${who}_OIDC_${key}` as const;
        if (!raw[name]) problems.push(`${name} is required when AUTH_MODE=oidc.`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...raw,
    AUTH_MODE: authMode,
    SEED_DEMO: raw.SEED_DEMO ?? !isProduction,
    SESSION_SECRET: raw.SESSION_SECRET ?? DEV_SECRET,
    AUDIT_HMAC_KEY: raw.AUDIT_HMAC_KEY ?? DEV_AUDIT_HMAC_KEY,
    BASE_URL: (raw.BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    isProduction,
  };
}

/** The configuration reference: name, description, default, sensitivity. */
export function describeConfig(): {
  name: string;
  description: string;
  defaultValue: string | undefined;
  sensitive: boolean;
}[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => {
    const description = (schema as z.ZodType).description ?? '';
    let defaultValue: string | undefined;
    const def = (schema as unknown as { def?: { defaultValue?: unknown } }).def;
    if (def && 'defaultValue' in def && def.defaultValue !== undefined) defaultValue = String(def.defaultValue);
    return { name, description, defaultValue, sensitive: description.includes('Sensitive') };
  });
}
