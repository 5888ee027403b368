import { CLOCK_ENV, clockIsPinned } from './clock.ts';
import { readConfig } from './config.ts';
import { errorsTo, logError, logger } from './log.ts';
import { startServer } from './server.ts';
import { watchYearSwitch } from './year-switch.ts';

/** Wiring only: configuration from the environment, then the server, then clean shutdown. */
const config = readConfig();
// Said at every start: a moved clock stamps made-up times on every change (README, «The demo's today»).
if (clockIsPinned())
  logger.warn(
    `${CLOCK_ENV}=${process.env[CLOCK_ENV]}: the server's clock starts at ${new Date(config.now()).toISOString()} — for demos and tests only`,
  );
let server = await startServer(config, { logger });
// STORE-PG-1: never the URL itself, which may hold a password. OPS-3: the start line's `msg` is
// what a person (and the build's test) looks for; `url` is there for a machine.
const store = config.databaseUrl ? 'PostgreSQL' : config.dataDir;
logger.info({ url: server.url }, `Электронный журнал: ${server.url} (data: ${store})`);
// YEAR-21: on the first day of a prepared next year, the server turns to it by itself.
const stopYearSwitch = watchYearSwitch({
  current: () => server,
  async restart() {
    await server.close();
    server = await startServer({ ...config, port: server.port }, { logger });
    logger.info({ url: server.url }, `Электронный журнал: ${server.url}, учебный год ${server.schoolDocName}`);
  },
  now: config.now,
  log: (m) => logger.info(m),
  onError: errorsTo(logger),
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping: committing what is pending and closing the store…');
    stopYearSwitch();
    server.close().then(
      () => {
        logger.info('Stopped');
        process.exit(0);
      },
      (e) => {
        logError(logger, e);
        process.exit(1);
      },
    );
  });
}
