import * as Y from 'yjs';
import { sameJson } from '../../model/doc/flat-map.ts';
import {
  applyDiary,
  diaryDocName,
  listStudents,
  projectDiary,
  readDiary,
  type DiaryNotice,
  type StudentId,
  type YearId,
} from '../../model/index.ts';
import { DocumentProjection } from '../reports/journal-projection.ts';
import type { Storage } from '../storage/port.ts';
import { DiarySources } from './diary-sources.ts';

export interface RebuildResult {
  /** Diaries of the year (one per student of any journal). */
  diaries: number;
  /** Of them, those whose stored state differed from a projection from scratch. */
  differing: string[];
  /** Records written (0 with `check`). */
  written: number;
}

/**
 * DIARY-4: `npm run diary:rebuild`: every diary of the year projected from scratch from the
 * stored journals and compared with the stored diary; with `check` only compared, else what
 * differs is written into each diary's log as one server update (a family's cached copy then
 * converges on it like on any update). Run with the server stopped, as a restore is.
 */
export async function rebuildDiaries(
  storage: Storage,
  schoolDocName: string,
  opts: { check?: boolean; now?: () => number; notices?: (studentId: string) => Promise<Array<DiaryNotice & { id: string }>> } = {},
): Promise<RebuildResult> {
  const notices = opts.notices ?? ((studentId: string) => storage.diaryNotices(studentId));
  const sources = new DiarySources({ storage, projection: new DocumentProjection(storage), schoolDocName, notices });
  const journals = await sources.journals();
  const students = new Set<StudentId>();
  for (const j of journals) for (const s of listStudents(j.doc)) students.add(s.id);
  const result: RebuildResult = { diaries: 0, differing: [], written: 0 };
  for (const studentId of [...students].sort()) {
    const source = await sources.sourceFor(studentId, journals);
    const state = source && projectDiary(source);
    if (!state) continue;
    result.diaries++;
    const name = diaryDocName(studentId, sources.yearId as YearId);
    const doc = new Y.Doc();
    const { snapshot, updates } = await storage.loadDocument(name);
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u.update);
    if (sameJson(readDiary(doc), state)) continue;
    result.differing.push(name);
    if (opts.check) continue;
    const before = Y.encodeStateVector(doc);
    result.written += applyDiary(doc, state);
    const update = Y.encodeStateAsUpdate(doc, before);
    const serverTime = (opts.now ?? Date.now)();
    await storage.appendUpdates(name, [{ update, userId: 'system', sessionId: 'diary-rebuild', clientTime: null, serverTime }]);
  }
  return result;
}
