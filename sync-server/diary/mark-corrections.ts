import { markFromTuple, parseLessonId, type MarkValue, type StudentId } from '../../model/index.ts';
import type { ChangeRow, HistoryStore } from '../storage/port.ts';

type Corrections = Map<string, { was: MarkValue[]; at: number }>;

/**
 * DIARY-6: the corrections of marks a diary shows, read from the attributed history (the journal
 * holds only a mark's current value): per student, by the diary's mark key `lessonId:place`, the
 * values a mark had before each change of its value, oldest first, and the last change's time.
 * Read once per journal, then kept up to date from each commit's change rows (`note`).
 */
export class MarkCorrections {
  private readonly cache = new Map<string, Promise<Map<string, Corrections>>>();

  constructor(private readonly history: HistoryStore) {}

  invalidate(journalName: string): void {
    this.cache.delete(journalName);
  }

  /**
   * A journal committed these updates (their change rows; null for one without): the corrections
   * read before are brought up to date from the rows, never read again from the history.
   */
  note(journalName: string, updates: ReadonlyArray<readonly ChangeRow[] | null>): void {
    const known = this.cache.get(journalName);
    if (!known) return;
    if (updates.some((u) => u === null)) return this.invalidate(journalName);
    this.cache.set(
      journalName,
      known.then((byStudent) => {
        for (const rows of updates) for (const row of rows!) addCorrection(byStudent, row);
        return byStudent;
      }),
    );
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
    for (const row of rows) addCorrection(out, row);
    return out;
  }
}

/** One change row: a mark's value changed (not a removal, not a comment) is a correction of it. */
function addCorrection(out: Map<string, Corrections>, row: Pick<ChangeRow, 'path' | 'oldValue' | 'newValue' | 'serverTime'>): void {
  if (!row.path.startsWith('marks/')) return;
  const [lessonId, studentId, place] = row.path.slice('marks/'.length).split(':');
  const before = markFromTuple(row.oldValue);
  const after = markFromTuple(row.newValue);
  // A removed mark is gone from the diary; a changed comment or work type is no correction of the mark.
  if (!before || !after || before.v === after.v || !parseLessonId(lessonId) || place === undefined) return;
  let mine = out.get(studentId);
  if (!mine) out.set(studentId, (mine = new Map()));
  const key = `${lessonId}:${place}`;
  const c = mine.get(key) ?? { was: [], at: 0 };
  // A row read from the history and then handed over by its commit as well is counted once.
  if (c.at === row.serverTime && c.was.at(-1) === before.v) return;
  mine.set(key, { was: [...c.was, before.v], at: row.serverTime });
}
