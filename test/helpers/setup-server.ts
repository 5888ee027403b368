import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asDate, periodsFromTemplate } from '../../model/index.ts';
import { readConfig } from '../../sync-server/config.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';

/** A server started with `DEMO=0` on an empty directory: first its setup page, then the school. */
export interface SetupScene {
  dataDir: string;
  /** The setup page's origin, once it listens (the real server takes the same one). */
  origin: string;
  /** Every setup code printed so far, the current one last. */
  codes: string[];
  /** The real server, once the setup is done. */
  started: Promise<RunningServer>;
  dispose(): Promise<void>;
}

export async function startSetupScene(opts: { staticDir?: string; dataDir?: string } = {}): Promise<SetupScene> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'journal-setup-'));
  const codes: string[] = [];
  let opened!: (port: number) => void;
  const port = new Promise<number>((resolve) => (opened = resolve));
  const config = {
    ...readConfig({ DEMO: '0' }),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: opts.staticDir ?? join(dataDir, 'no-client'),
  };
  const started = startServer(config, {
    registry: { unloadDelayMs: 50 },
    log: () => {},
    setup: { onOpen: ({ port }) => opened(port), onCode: (c) => codes.push(c) },
  });
  // A start that fails before the page opens must fail the test, not leave it waiting.
  const origin = `http://127.0.0.1:${await Promise.race([port, started.then(() => Promise.reject(new Error('started without setup')))])}`;
  return {
    dataDir,
    origin,
    codes,
    started,
    async dispose() {
      await (await started.catch(() => null))?.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid setup request: the 2027/28 year with quarters and halves, the administrator `director.ivanova`. */
export function newSchoolBody(over: Record<string, unknown> = {}) {
  const startsOn = asDate('2027-09-01');
  const endsOn = asDate('2028-05-31');
  return {
    schoolName: 'МБОУ СОШ № 12',
    startsOn,
    endsOn,
    periods: periodsFromTemplate('quarters-halves', startsOn, endsOn).map(([id, p]) => ({ id, ...p })),
    admin: { name: 'Иванова Мария Петровна', login: 'ivanova', password: 'Школа-2027!' },
    ...over,
  };
}
