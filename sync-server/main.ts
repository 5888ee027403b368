import { readConfig } from './config.ts';
import { startServer } from './server.ts';

/** Wiring only: configuration from the environment, then the server, then clean shutdown. */
const config = readConfig();
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
