import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import { rootMap } from '../doc/flat-map.ts';
import { IUP_EXEMPT } from './iup.ts';
import { parseLessonId } from './lesson.ts';
import { listStudents } from './student.ts';

/** What a class journal holds of one group. */
export interface GroupUse {
  /** Students of the class in it now: on the roster, not left, by their groups or a plan naming it. */
  students: number;
  /** Marks and absence marks on its lessons, and finals of it. */
  records: number;
}

/**
 * SETUP-4, YEAR-15: what a class journal holds that the school year's setup must not pull from
 * under it — a summary small enough for the server to keep for every journal (the school year's
 * rule book never reads the journals themselves).
 */
export interface JournalUse {
  /** Marks, absence marks and finals recorded in the journal. */
  records: number;
  /** Per group id (never `all`): its students and records; groups without either are absent. */
  groups: ReadonlyMap<string, GroupUse>;
}

/**
 * SETUP-4, YEAR-15: the journal's use of the school year's groups, and how many records it
 * holds; computed once per version of the journal (DOC-9).
 */
export function journalUse(journal: Y.Doc): JournalUse {
  return derived(journal, 'journal-use', () => computeUse(journal));
}

function computeUse(journal: Y.Doc): JournalUse {
  const groups = new Map<string, GroupUse>();
  const of = (g: string) => {
    let u = groups.get(g);
    if (!u) groups.set(g, (u = { students: 0, records: 0 }));
    return u;
  };
  for (const s of listStudents(journal)) {
    if (s.leftOn !== null) continue;
    const held = new Set<string>(s.groups);
    for (const mode of Object.values(s.iup?.subjects ?? {})) if (mode !== IUP_EXEMPT) held.add(mode);
    held.delete('all');
    for (const g of held) of(g).students++;
  }
  let records = 0;
  const lessonRecord = (v: unknown, key: string) => {
    if (v === null) return;
    records++;
    const group = parseLessonId(key.slice(0, key.indexOf(':')))?.groupId;
    if (group && group !== 'all') of(group).records++;
  };
  rootMap(journal, 'marks').forEach(lessonRecord);
  rootMap(journal, 'attendance').forEach(lessonRecord);
  rootMap(journal, 'finals').forEach((v, key) => {
    if (v === null) return;
    records++;
    const group = key.split(':')[1];
    if (group && group !== 'all') of(group).records++;
  });
  return { records, groups };
}
