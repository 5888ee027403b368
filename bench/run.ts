process.setMaxListeners(0); // each y-websocket provider in Node adds an exit listener
import { documentBench } from './document-bench.ts';
import { machineNote, printTable, type Row } from './machine.ts';
import { coldSyncBench, latencyBench } from './sync-bench.ts';
import { browserBench } from './browser-bench.ts';
import { fsyncBench } from './fsync-bench.ts';
import { archiveBench } from './archive-bench.ts';
import { historyBench } from './history-bench.ts';

/** `npm run bench`: the figures of the foundation issue, printed as one table. */
const rows: Row[] = [];
const doc = await documentBench();
rows.push(...doc.rows);
rows.push(...(await coldSyncBench(doc, 3901)));
rows.push(...(await browserBench(doc, 3902)));
rows.push(...(await latencyBench(3903)));
rows.push(...fsyncBench());
rows.push(...(await archiveBench(doc, 3905)));
rows.push(...(await historyBench(doc.journal, doc.school)));
printTable(`Benchmarks — ${machineNote()}`, rows);
process.exit(0);
