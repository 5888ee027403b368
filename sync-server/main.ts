import { CLOCK_ENV, clockIsPinned } from './clock.ts';
import { readConfig } from './config.ts';
import { startServer } from './server.ts';

/** Wiring only: configuration from the environment, then the server, then clean shutdown. */
const config = readConfig();
// Said at every start: a moved clock stamps made-up times on every change (README, «The demo's today»).
if (clockIsPinned())
  console.warn(
    `${CLOCK_ENV}=${process.env[CLOCK_ENV]}: the server's clock starts at ${new Date(config.now()).toISOString()} — for demos and tests only`,
  );
const server = await startServer(config);
console.log(`Электронный журнал: ${server.url} (data: ${config.dataDir})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
