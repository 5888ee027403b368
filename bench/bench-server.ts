import { readConfig } from '../sync-server/config.ts';
import { startServer } from '../sync-server/server.ts';

/**
 * The real server for benchmarks, in its own process like sync-server/main.ts; with
 * `--without-path-rules` it skips per-path authorization, so that its cost can be measured.
 */
const server = await startServer(readConfig(), { withoutPathRules: process.argv.includes('--without-path-rules') });
console.log(`bench server: ${server.url}`);
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
