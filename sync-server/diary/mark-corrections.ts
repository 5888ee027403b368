import { markFromTuple, parseLessonId, type MarkValue, type StudentId } from '../../model/index.ts';
import type { HistoryStore } from '../storage/port.ts';

type Corrections = Map<string, { was: MarkValue[]; at: number }>;

/**
 * DIARY-6: the corrections of marks a diary shows, read from the attributed history (the journal
 * holds only a mark's current value): per student, by the diary's mark key `lessonId:place`, the
 * values a mark had before each change of its value, oldest first, and the last change's time.
 * Read once per journal and kept until the journal next commits (`invalidate`).
 */
export class MarkCorrections {
  private readonly cache = new Map<string, Promise<Map<string, Corrections>>>();

  constructor(private readonly history: HistoryStore) {}

  invalidate(journalName: string): void {
    this.cache.delete(journalName);
  }

  /** The student's corrections in the given journals. */
  async of(journalNames: readonly string[], studentId: StudentId): Promise<Corrections> {
    const out: Corrections = new Map();
    for (const name of journalNames) {
      let byStudent = this.cache.get(name);
      if (!byStudent) {
        byStudent = this.read(name);
        this.cache.set(name, byStudent);
        byStudent.catch(() => this.cache.delete(name));
      }
      for (const [k, v] of (await byStudent).get(studentId) ?? []) out.set(k, v);
    }
    return out;
  }

  private async read(docName: string): Promise<Map<string, Corrections>> {
    const rows = await this.history.readChanges({ docName, pathPrefix: 'marks/', correctionsOnly: true, limit: 1_000_000 });
    const out = new Map<string, Corrections>();
    for (const row of rows) {
      const [lessonId, studentId, place] = row.path.slice('marks/'.length).split(':');
      const before = markFromTuple(row.oldValue);
      const after = markFromTuple(row.newValue);
      // A removed mark is gone from the diary; a changed comment or work type is no correction of the mark.
      if (!before || !after || before.v === after.v || !parseLessonId(lessonId) || place === undefined) continue;
      let mine = out.get(studentId);
      if (!mine) out.set(studentId, (mine = new Map()));
      const key = `${lessonId}:${place}`;
      const c = mine.get(key) ?? { was: [], at: 0 };
      mine.set(key, { was: [...c.was, before.v], at: row.serverTime });
    }
    return out;
  }
}
