import { pino } from 'pino';
import { readConfig } from '../sync-server/config.ts';
import { createLogger } from '../sync-server/log.ts';
import { startServer } from '../sync-server/server.ts';

/**
 * The real server for benchmarks, in its own process like sync-server/main.ts; with
 * `--without-path-rules` it skips per-path authorization, so that its cost can be measured.
 * Its log (OPS-3) goes to stderr at `warn` unless `LOG_LEVEL` says otherwise: the benchmarks and
 * the reliability campaign read only the start line below on stdout, show the server's stderr, and
 * count its lines there; a line per request would cost the figures they measure.
 */
const logger = createLogger({ level: process.env.LOG_LEVEL?.trim() || 'warn', destination: pino.destination(2) });
const server = await startServer(readConfig(), { logger, withoutPathRules: process.argv.includes('--without-path-rules') });
console.log(`bench server: ${server.url}`);
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
