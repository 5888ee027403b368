import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { groupCommit, writerPragmas, type AppendItem } from './sqlite-append.ts';

/** What the commit thread is asked: a batch to commit, or a backup to write (commit-thread.ts). */
export type CommitRequest = { id: number; kind: 'commit'; items: AppendItem[] } | { id: number; kind: 'backup'; file: string };

// The commit thread (STORE-20): its own connection to the server's database, which it alone uses
// for the update log, so that the COMMIT and its fsync never hold up the server's event loop.
const db = new Database((workerData as { file: string }).file);
writerPragmas(db);
const commit = groupCommit(db);

parentPort!.on('message', (req: CommitRequest) => {
  if (req.kind === 'commit') {
    try {
      parentPort!.postMessage({ id: req.id, results: commit(req.items) });
    } catch (e) {
      parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  // The backup runs on the connection that writes the log: its own commits between the backup's
  // steps go into the copy instead of restarting it, so a busy school still gets its backup.
  db.backup(req.file).then(
    () => parentPort!.postMessage({ id: req.id, results: [] }),
    (e: unknown) => parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
parentPort!.postMessage({ ready: true });
