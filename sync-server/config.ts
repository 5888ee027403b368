import { clockFromEnv, type Clock } from './clock.ts';

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
  };
}

function readTls(env: NodeJS.ProcessEnv): Config['tls'] {
  const certFile = env.TLS_CERT_FILE?.trim();
  const keyFile = env.TLS_KEY_FILE?.trim();
  if (!certFile && !keyFile) return null;
  // One without the other is a mistake to report, not a reason to fall back to plain HTTP.
  if (!certFile || !keyFile) throw new Error('TLS_CERT_FILE and TLS_KEY_FILE must be given together');
  return { certFile, keyFile };
}
