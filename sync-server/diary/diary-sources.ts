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

  /** Every stored journal of the year, at its committed state. */
  async journals(): Promise<StoredJournal[]> {
    const names = (await this.deps.storage.listDocuments()).filter((n) => this.isJournalOfYear(n));
    const docs = await this.deps.projection.docs(names);
    return [...docs].map(([name, doc]) => ({ name, doc, classId: (parseDocName(name) as { classId: ClassId }).classId }));
  }

  /** The inputs of one student's diary; null without a school year. */
  async sourceFor(studentId: StudentId, journals: readonly StoredJournal[]): Promise<DiarySource | null> {
    const school = await this.deps.projection.doc(this.deps.schoolDocName);
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
