import type * as Y from 'yjs';
import { listStudents, parseDocName, type ClassId, type DiaryNotice, type DiarySource, type StudentId } from '../../model/index.ts';
import type { DocumentProjection } from '../reports/journal-projection.ts';
import type { Storage } from '../storage/port.ts';
import { MarkCorrections } from './mark-corrections.ts';

export interface StoredJournal {
  name: string;
  classId: ClassId;
  doc: Y.Doc;
}

/**
 * What a diary is projected from, read from the store at its committed state: the school year,
 * the journals of the year, the corrections from the history and the notices. Shared by the live
 * projection and the rebuild (`npm run diary:rebuild`), so that both read the same inputs.
 */
export class DiarySources {
  readonly yearId: string;
  readonly corrections: MarkCorrections;
  /** The year's journals in the store, listed once and then kept by `noteJournal` (a class added). */
  private journalNames: Promise<Set<string>> | null = null;

  constructor(
    private readonly deps: {
      storage: Storage;
      projection: DocumentProjection;
      schoolDocName: string;
      notices?: (studentId: string) => Promise<Array<DiaryNotice & { id: string }>>;
    },
  ) {
    this.yearId = parseDocName(deps.schoolDocName)?.yearId ?? '';
    this.corrections = new MarkCorrections(deps.storage);
  }

  isJournalOfYear(name: string): boolean {
    const p = parseDocName(name);
    return p?.kind === 'journal' && p.yearId === this.yearId;
  }

  /** A journal of the year committed: it is in the store from now on. */
  noteJournal(name: string): void {
    void this.journalNames?.then((names) => names.add(name));
  }

  /**
   * Every stored journal of the year, at its committed state: each caught up by its own log, so
   * a pass after a commit never reads the whole store (`lastSeqs`, `listDocuments`) again.
   */
  async journals(): Promise<StoredJournal[]> {
    this.journalNames ??= this.deps.storage.listDocuments().then((all) => new Set(all.filter((n) => this.isJournalOfYear(n))));
    const names = [...(await this.journalNames)].sort();
    const docs = await this.deps.projection.fresh(names);
    return [...docs].map(([name, doc]) => ({ name, doc, classId: (parseDocName(name) as { classId: ClassId }).classId }));
  }

  /** The inputs of one student's diary; null without a school year. */
  async sourceFor(studentId: StudentId, journals: readonly StoredJournal[]): Promise<DiarySource | null> {
    const school = (await this.deps.projection.fresh([this.deps.schoolDocName])).get(this.deps.schoolDocName);
    if (!school) return null;
    const mine = journals.filter((j) => listStudents(j.doc).some((s) => s.id === studentId));
    const corrections = await this.corrections.of(
      mine.map((j) => j.name),
      studentId,
    );
    const notices = (await this.deps.notices?.(studentId)) ?? [];
    return { school, journals: mine, studentId, corrections, notices };
  }
}
