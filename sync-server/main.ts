import { CLOCK_ENV, clockIsPinned } from './clock.ts';
import { readConfig } from './config.ts';
import { startServer } from './server.ts';
import { watchYearSwitch } from './year-switch.ts';

/** Wiring only: configuration from the environment, then the server, then clean shutdown. */
const config = readConfig();
// Said at every start: a moved clock stamps made-up times on every change (README, «The demo's today»).
if (clockIsPinned())
  console.warn(
    `${CLOCK_ENV}=${process.env[CLOCK_ENV]}: the server's clock starts at ${new Date(config.now()).toISOString()} — for demos and tests only`,
  );
let server = await startServer(config);
// STORE-PG-1: never the URL itself, which may hold a password.
console.log(`Электронный журнал: ${server.url} (data: ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})`);
// YEAR-21: on the first day of a prepared next year, the server turns to it by itself.
const stopYearSwitch = watchYearSwitch({
  current: () => server,
  async restart() {
    await server.close();
    server = await startServer({ ...config, port: server.port });
    console.log(`Электронный журнал: ${server.url}, учебный год ${server.schoolDocName}`);
  },
  now: config.now,
  log: (m) => console.log(m),
  onError: (e) => console.error(e),
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stopYearSwitch();
    server.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
