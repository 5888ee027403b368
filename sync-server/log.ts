import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * OPS-3: the server's log, one JSON object a line on stdout (pino), for whatever collects the
 * process's output (journald, Docker, Loki). `LOG_LEVEL` (`info` by default; `debug` adds the
 * documents loaded and unloaded, `warn` keeps only trouble) is read once, at start. A person reads
 * `msg`; a machine reads the fields beside it. No line holds a password, a code, a session, a
 * query string or `DATABASE_URL`: callers pass only what may be kept.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  const options = {
    level: opts.level ?? (process.env.LOG_LEVEL?.trim() || 'info'),
    // The pid tells two runs apart in one stream; a host name says nothing on one school's machine.
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names, not pino's numbers: the log is read by people as well.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** The process's logger: main.ts and every part of the server that is not handed another. */
export const logger = createLogger();

/** An error as one line: its message as `msg`, the error itself (type, stack) under `err`. */
export function logError(log: Logger, e: unknown, fields: Record<string, unknown> = {}): void {
  log.error({ ...fields, err: e }, e instanceof Error ? e.message : String(e));
}

/** `logError` bound to a logger, for the many `onError(e)` callbacks of the server. */
export function errorsTo(log: Logger): (e: unknown) => void {
  return (e) => logError(log, e);
}
