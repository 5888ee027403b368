process.setMaxListeners(0); // each y-websocket provider in Node adds an exit listener
import { documentBench } from './document-bench.ts';
import { machineNote, printTable, type Row } from './machine.ts';
import { coldSyncBench, latencyBench } from './sync-bench.ts';
import { browserBench } from './browser-bench.ts';
import { finalsEntryBench } from './finals-bench.ts';
import { fsyncBench } from './fsync-bench.ts';
import { archiveBench } from './archive-bench.ts';
import { historyBench } from './history-bench.ts';
import { reportsBench } from './reports-bench.ts';
import { importBench } from './import-bench.ts';
import { peersBench } from './peers-bench.ts';
import { accessLogBench } from './access-log-bench.ts';
import { diaryBench } from './diary-bench.ts';
import { yearBench } from './year-bench.ts';
import { scaleBench } from './scale-bench.ts';
import { messagesBench } from './messages-bench.ts';
import { announcementsBench } from './announcements-bench.ts';

/**
 * `npm run bench`: every figure the issues ask for, printed as one table.
 * `npm run bench -- reports history` runs only those sections. `peers` (ours beside the
 * reference y-websocket server, 3–6 minutes) and `diary` (issue 18's figures, about 7 minutes)
 * run only when named.
 */
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);
const rows: Row[] = [];
const doc = await documentBench();
rows.push(...doc.rows);
if (wanted('sync')) rows.push(...(await coldSyncBench(doc, 3901)));
if (wanted('browser')) rows.push(...(await browserBench(doc, 3902)));
if (wanted('browser') || wanted('finals')) rows.push(...(await finalsEntryBench(3906)));
if (wanted('sync')) rows.push(...(await latencyBench(3903)));
if (wanted('fsync')) rows.push(...fsyncBench());
if (wanted('archive')) rows.push(...(await archiveBench(doc, 3905)));
if (wanted('history')) rows.push(...(await historyBench(doc.journal, doc.school)));
if (wanted('reports')) rows.push(...(await reportsBench()));
if (wanted('import')) rows.push(...(await importBench()));
if (wanted('access-log')) rows.push(...(await accessLogBench()));
if (only.has('peers')) rows.push(...(await peersBench(doc)));
if (only.has('diary')) rows.push(...(await diaryBench()));
// `year` (issue 16: a 40-class school prepared and switched to the next year, about 4 minutes)
// runs only when named, with the access log's figures unless `access-log` brings them already.
if (only.has('year')) rows.push(...(await yearBench({ accessLog: !only.has('access-log') })));
// `scale` (issue 20: SQLite, PostgreSQL, and two processes on PostgreSQL over Redis; about 3 minutes) runs only when named.
if (only.has('scale')) rows.push(...(await scaleBench()));
// `messages` (issue 19: delivery, memory per conversation connection, a class's year in the store, about a minute) runs only when named.
if (only.has('messages')) rows.push(...(await messagesBench()));
// `announcements` (issue 19: posting → 100 open family clients, heap per board connection, a 1,000-student digest run) runs only when named.
if (only.has('announcements')) rows.push(...(await announcementsBench()));
printTable(`Benchmarks — ${machineNote()}`, rows);
process.exit(0);
