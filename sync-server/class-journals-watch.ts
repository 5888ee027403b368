import type * as Y from 'yjs';
import { classes, journalDocName, parseDocName, readJournalMeta, type ClassId, type SchoolClass } from '../model/index.ts';
import type { Storage } from './storage/port.ts';
import type { RoomRegistry } from './ws/room-registry.ts';
import { SERVER_ORIGIN } from './ws/room.ts';

/**
 * SETUP-3: every class of the school year has its journal, stored with its meta (class name,
 * grade) as soon as the class is there, however it came: the import creates the journals of
 * the classes it adds, but a class the deputy adds on «Учебный год» is a client's edit of the
 * school-year document, and its journal would otherwise exist only once somebody opened it
 * (no exports, reports or archive would see it). A rename or grade change of the class is
 * carried into the journal's meta too, since prints and the journal's grade read it there.
 * Debounced: a deputy's edits come in bursts. At start the journals already stored are
 * trusted; only missing ones are created.
 */
export function watchClassJournals(
  school: Y.Doc,
  deps: { registry: RoomRegistry; storage: Storage; schoolDocName: string },
  onError: (e: unknown) => void,
  delayMs = 300,
): () => void {
  const parsed = parseDocName(deps.schoolDocName);
  if (parsed?.kind !== 'school') return () => {};
  const yearId = parsed.yearId;
  /** The name and grade each class's journal meta was last made to agree with. */
  const synced = new Map<string, string>();
  const stamp = (c: SchoolClass) => `${c.grade}|${c.name}`;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const sync = async () => {
    const present = classes.all(school);
    for (const id of synced.keys()) if (!present.some(([k]) => k === id)) synced.delete(id);
    // A class new to the watch whose journal is stored already (at start, or made by the
    // import) is trusted as it is: opening it would only keep an idle room in memory.
    const stored = present.some(([id]) => !synced.has(id)) ? new Set(await deps.storage.listDocuments()) : new Set<string>();
    for (const [classId, c] of present) {
      if (stopped) return;
      const name = journalDocName(classId as ClassId, yearId);
      const known = synced.get(classId);
      if (known === stamp(c) || (known === undefined && stored.has(name))) {
        synced.set(classId, stamp(c));
        continue;
      }
      // Opening a journal that was never stored writes its meta from the school year (Directory).
      const room = await deps.registry.open(name);
      const meta = readJournalMeta(room.doc);
      if (meta && (meta.className !== c.name || meta.grade !== c.grade)) {
        room.doc.transact(() => {
          const m = room.doc.getMap('meta');
          m.set('className', c.name);
          m.set('grade', c.grade);
        }, SERVER_ORIGIN);
      }
      synced.set(classId, stamp(c));
    }
  };

  let running = sync().catch(onError);
  const onUpdate = () => {
    timer ??= setTimeout(() => {
      timer = null;
      running = running.then(sync).catch(onError);
    }, delayMs);
  };
  school.on('update', onUpdate);
  return () => {
    stopped = true;
    school.off('update', onUpdate);
    if (timer) clearTimeout(timer);
  };
}
