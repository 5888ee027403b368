import { ACCESS_LOG_KEEP_DAYS } from './access-log/access-log.ts';
import { clockFromEnv, type Clock } from './clock.ts';
import { readOidc, type OidcConfig } from './auth/oidc-config.ts';
import { readEmailConfig, type EmailConfig } from './notifications/email-config.ts';

/** Server configuration from the environment, with the defaults the README promises. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  allowedOrigins: string[];
  staticDir: string;
  /**
   * PEM certificate and key: with both the server speaks HTTPS (and wss), so the Secure
   * session cookie works on a LAN address. Without them, plain HTTP (README: HTTPS).
   */
  tls: { certFile: string; keyFile: string } | null;
  /** The server's clock: the system's, unless `JOURNAL_CLOCK` starts it elsewhere (clock.ts). */
  now: Clock;
  /**
   * AUTH-23: how many reverse proxies stand before the server (`TRUST_PROXY`); with any, the
   * client's address is read from their `X-Forwarded-For`. 0: the header is ignored.
   */
  trustProxy: number;
  /**
   * SETUP-34: what an empty data directory becomes — the demo school (the default, `DEMO=1`), or,
   * with `DEMO=0`, a real school created on the setup page (sync-server/setup/).
   */
  demo: boolean;
  /** LOG-7: days the access log keeps an entry (`ACCESS_LOG_KEEP_DAYS`, default 1826: 5 years). */
  accessLogKeepDays: number;
  /** AUTH-28: sign-in with the region's identity provider (`OIDC_*`); null without it. */
  oidc: OidcConfig | null;
  /** NOTIF-8: e-mail digests to families (`SMTP_URL`, `SMTP_FROM`, `DIGEST_POLL_SECONDS`, `PUBLIC_URL`). */
  email: EmailConfig;
  /**
   * STORE-PG-1: the PostgreSQL store (`DATABASE_URL`, e.g. `postgres://journal@db:5432/journal`)
   * instead of `journal.sqlite` in the data directory; null (unset) keeps SQLite.
   */
  databaseUrl: string | null;
  /**
   * CLU-1: `REDIS_URL` (e.g. `redis://cache:6379`): this process is one of several behind a load
   * balancer, relaying every document's commits and presence through Redis; needs `DATABASE_URL`.
   * `REDIS_PREFIX` (default `journal:`) names its channels, so two installations can share a Redis.
   */
  redis: { url: string; prefix: string } | null;
  /**
   * OPS-4: `METRICS_TOKEN`: with it, `/metrics` answers a request that sends it as a Bearer token
   * from anywhere; without it, only requests from this machine.
   */
  metricsToken: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './data',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    staticDir: env.STATIC_DIR ?? './dist/client',
    tls: readTls(env),
    now: clockFromEnv(env),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    demo: readDemo(env.DEMO),
    accessLogKeepDays: readKeepDays(env.ACCESS_LOG_KEEP_DAYS),
    oidc: readOidc(env),
    email: readEmailConfig(env),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    redis: readRedis(env),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
  };
}

function readRedis(env: NodeJS.ProcessEnv): Config['redis'] {
  const url = env.REDIS_URL?.trim();
  if (!url) return null;
  // Several processes on one SQLite file would each keep their own log: refused at the start.
  if (!env.DATABASE_URL?.trim()) throw new Error('REDIS_URL needs DATABASE_URL: several processes share one PostgreSQL store');
  return { url, prefix: env.REDIS_PREFIX?.trim() || 'journal:' };
}

function readTls(env: NodeJS.ProcessEnv): Config['tls'] {
  const certFile = env.TLS_CERT_FILE?.trim();
  const keyFile = env.TLS_KEY_FILE?.trim();
  if (!certFile && !keyFile) return null;
  // One without the other is a mistake to report, not a reason to fall back to plain HTTP.
  if (!certFile || !keyFile) throw new Error('TLS_CERT_FILE and TLS_KEY_FILE must be given together');
  return { certFile, keyFile };
}

function readDemo(value: string | undefined): boolean {
  const v = (value ?? '1').trim().toLowerCase();
  if (['1', 'true', 'yes', ''].includes(v)) return true;
  if (['0', 'false', 'no'].includes(v)) return false;
  throw new Error(`DEMO must be 1 or 0, got ${value}`);
}

/** `ACCESS_LOG_KEEP_DAYS`: whole days, at least one; unset is the regulations' 5 years. */
function readKeepDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return ACCESS_LOG_KEEP_DAYS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`ACCESS_LOG_KEEP_DAYS must be a number of days, got ${value}`);
  return n;
}

/** `TRUST_PROXY`: empty, 0 or false = no proxy; 1 or true = one; a number = that many in a row. */
function readTrustProxy(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(v)) return 0;
  if (['true', 'yes'].includes(v)) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be 0, 1 or the number of proxies, got ${value}`);
  return n;
}
