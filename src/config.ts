import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Harbour reads, from the environment, once. The README's configuration table
 * lists the same names; `describeSettings` below feeds `harbour --help`.
 */
const settings = {
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  HARBOUR_DATA_DIR: z.string().min(1).default('.harbour'),
  HARBOUR_MASTER_KEY: z
    .string()
    .regex(
      /^(\d+:)?[A-Za-z0-9+/]{43}=(,\d+:[A-Za-z0-9+/]{43}=)*$/,
      'must be 32 bytes in base64, or a comma-separated list of "VERSION:BASE64" keys',
    )
    .optional(),
  HARBOUR_AUDIT_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')
    .optional(),
  HARBOUR_AUDIT_CHECKPOINT_TO: z
    .string()
    .regex(/^[^\s,@]+@[^\s,@]+(,[^\s,@]+@[^\s,@]+)*$/, 'must be one email address or several separated by commas')
    .optional(),
  HARBOUR_MFA: z.enum(['required', 'optional']).default('required'),
  HARBOUR_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  HARBOUR_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  HARBOUR_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  HARBOUR_SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  HARBOUR_SIGNIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  HARBOUR_SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  HARBOUR_PUBLIC_FORMS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  HARBOUR_BREAK_GLASS_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  HARBOUR_LIBRARY_MAX_FILE_MB: z.coerce.number().int().min(1).max(200).default(25),
  HARBOUR_CASE_DOCUMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
  HARBOUR_CASE_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(30, 'at least 30 days, so a case closed by mistake can be reopened')
    .max(36_500)
    .default(2555),
  HARBOUR_REMINDER_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  HARBOUR_STATS_THRESHOLD: z.coerce.number().int().min(5, 'at least 5: smaller counts identify people too easily').max(100).default(10),
  HARBOUR_STATS_EPSILON_BUDGET: z.coerce.number().positive('above 0').max(100).default(5),
  HARBOUR_REFERRAL_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(30, 'at least 30 days, so a finished referral can still be looked at')
    .max(36_500)
    .default(730),
  HARBOUR_REFERRAL_URGENT_HOURS: z.coerce.number().int().min(1).max(72).default(4),
  HARBOUR_REFERRAL_NORMAL_DAYS: z.coerce.number().int().min(1).max(15).default(2),
  HARBOUR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// address, e.g. smtp://user:password@mail.example.org:587')
    .optional(),
  HARBOUR_MAIL_FROM: z.string().email('must be an email address').default('harbour@localhost'),
  HARBOUR_LIST_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'must be a domain name, e.g. lists.example.org')
    .optional(),
  HARBOUR_MAIL_LISTEN: z
    .string()
    .regex(/^(\d{1,3}(\.\d{1,3}){3}:)?\d{1,5}$/, 'must be a port, or an address and a port, e.g. 2525 or 0.0.0.0:25')
    .optional(),
  HARBOUR_MAIL_TLS_CERT: z.string().optional(),
  HARBOUR_MAIL_TLS_KEY: z.string().optional(),
  HARBOUR_SEED_SAMPLE: z.enum(['true', 'false']).optional(),
  HARBOUR_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
} as const;

const descriptions: Record<keyof typeof settings, string> = {
  PORT: 'port to serve on (3000)',
  HOST: 'address to bind (127.0.0.1; 0.0.0.0 behind a reverse proxy)',
  DATABASE_URL: 'PostgreSQL server to use; unset = Harbour runs its own embedded PostgreSQL under HARBOUR_DATA_DIR',
  HARBOUR_DATA_DIR: 'where the embedded PostgreSQL, its password and log, the key file and the sample password live (.harbour)',
  HARBOUR_MASTER_KEY: 'master key: 32 bytes base64, or "1:OLD,2:NEW" during a rotation; unset = key file',
  HARBOUR_AUDIT_KEY: 'key of the audit chain (HMAC), 32 bytes base64, kept like the master key; unset = audit.key in the data dir',
  HARBOUR_AUDIT_CHECKPOINT_TO: 'addresses the server emails an audit checkpoint to once a day (comma-separated); unset = logged only',
  HARBOUR_MFA: 'required (default) or optional: second factor for roles that can see case data',
  HARBOUR_PUBLIC_URL: 'address people use; https:// turns on Secure and __Host- cookies',
  HARBOUR_SESSION_IDLE_MINUTES: 'a session ends after this long unused (30)',
  HARBOUR_SESSION_MAX_HOURS: 'a session ends this long after sign-in, used or not (12)',
  HARBOUR_SIGNIN_MAX_PER_ACCOUNT:
    'failed sign-ins or codes per account from one address per window before 429 there; past it the account is slowed, never locked (5)',
  HARBOUR_SIGNIN_MAX_PER_ADDRESS: 'sign-in attempts per client address per window before 429 (30)',
  HARBOUR_SIGNIN_WINDOW_MINUTES: 'the window of the two limits above (15)',
  HARBOUR_BREAK_GLASS_MINUTES: 'how long access to a restricted case lasts after breaking the glass, in minutes (60; 5 to 1440)',
  HARBOUR_LIBRARY_MAX_FILE_MB: 'largest file the tools library stores, in megabytes (25; at most 200)',
  HARBOUR_CASE_DOCUMENT_MAX_MB: 'largest document kept with a case, in megabytes (25; at most 200)',
  HARBOUR_CASE_RETENTION_DAYS: 'a closed case is purged (its key destroyed) this many days after closing (2555, seven years; at least 30)',
  HARBOUR_REMINDER_DAYS: 'safety-plan actions and consents are reminded this many days before they fall due (14)',
  HARBOUR_STATS_THRESHOLD: 'statistics hide any count below this, and enough others that totals cannot give it back (10; never below 5)',
  HARBOUR_STATS_EPSILON_BUDGET: 'the privacy loss (epsilon) all noisy published releases may spend together (5)',
  HARBOUR_REFERRAL_RETENTION_DAYS:
    'a finished referral (completed, declined, closed) is destroyed this many days after its last change (730; at least 30)',
  HARBOUR_REFERRAL_URGENT_HOURS: 'an urgent referral not accepted or declined within this many hours is flagged to both agencies (4)',
  HARBOUR_REFERRAL_NORMAL_DAYS: 'a normal referral not accepted or declined within this many business days is flagged (2)',
  HARBOUR_SMTP_URL: 'mail server for reminders and notices, smtp:// or smtps://; unset = messages wait in the outbox (harbour outbox)',
  HARBOUR_MAIL_FROM: 'the From address of Harbour’s emails (harbour@localhost)',
  HARBOUR_LIST_DOMAIN: 'the domain of the working groups’ email addresses (group@DOMAIN); unset = the host of HARBOUR_PUBLIC_URL',
  HARBOUR_MAIL_LISTEN: 'where Harbour receives the groups’ mail by SMTP (a port, or address:port); unset = it receives none',
  HARBOUR_MAIL_TLS_CERT:
    'a PEM certificate file (its chain after it) for the groups’ mail receiver: with HARBOUR_MAIL_TLS_KEY it offers STARTTLS; unset = plain SMTP',
  HARBOUR_MAIL_TLS_KEY: 'the PEM private key file of HARBOUR_MAIL_TLS_CERT',
  HARBOUR_PUBLIC_FORMS_PER_HOUR: 'submissions of public forms (listing error reports) per client address per hour (10)',
  HARBOUR_SEED_SAMPLE: 'load the sample network into an empty database at start (true on the embedded PostgreSQL, false on a server)',
  HARBOUR_TRUST_PROXY: 'true when behind a reverse proxy that sets X-Forwarded-For (false)',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent (info)',
};

const configSchema = z.object(settings);
export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  dataDir: string;
  secureCookies: boolean;
  /** the mail receiver's certificate and key, read and checked at start */
  mailTls?: { cert: string; key: string };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(settings).map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const mailTls = readMailTls(parsed.data);
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.HARBOUR_DATA_DIR),
    secureCookies: parsed.data.HARBOUR_PUBLIC_URL.startsWith('https://'),
    ...(mailTls ? { mailTls } : {}),
  };
}

/** The receiver's certificate and key: both or neither, readable, and each what it says it is. */
function readMailTls(raw: RawConfig): { cert: string; key: string } | undefined {
  const { HARBOUR_MAIL_TLS_CERT: certFile, HARBOUR_MAIL_TLS_KEY: keyFile } = raw;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) {
    const [set, missing] = certFile ? ['HARBOUR_MAIL_TLS_CERT', 'HARBOUR_MAIL_TLS_KEY'] : ['HARBOUR_MAIL_TLS_KEY', 'HARBOUR_MAIL_TLS_CERT'];
    throw new ConfigError(`configuration: ${missing}: needed with ${set} (both or neither)`);
  }
  const read = (name: string, file: string, check: (pem: string) => unknown, what: string) => {
    let pem: string;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`configuration: ${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      check(pem);
    } catch {
      throw new ConfigError(`configuration: ${name}: ${file} is not ${what}`);
    }
    return pem;
  };
  return {
    cert: read('HARBOUR_MAIL_TLS_CERT', certFile, (pem) => new crypto.X509Certificate(pem), 'a PEM certificate'),
    key: read('HARBOUR_MAIL_TLS_KEY', keyFile, (pem) => crypto.createPrivateKey(pem), 'a PEM private key'),
  };
}

export function describeSettings(): string {
  return Object.entries(descriptions)
    .map(([name, text]) => `  ${name.padEnd(32)} ${text}`)
    .join('\n');
}
