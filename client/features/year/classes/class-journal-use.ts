import { journalUse, parseDocName, type JournalUse } from '../../../../model/index.ts';
import type { SchoolContextValue } from '../../../state/school-context.tsx';
import { openDocument } from '../../../sync/doc-registry.ts';

/**
 * SETUP-4, YEAR-15: what a class's journal holds (students in its groups, records), as this
 * device has the journal: opened like the students page opens it, and read once its local copy
 * is in. Undefined when the user may not open it. A journal never opened on this device reads
 * empty offline: the server, which has every journal, judges the edit again.
 */
export async function classJournalUse(ctx: SchoolContextValue, classId: string): Promise<JournalUse | undefined> {
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === classId;
  });
  if (!grant) return undefined;
  const journal = openDocument(ctx.me.user.id, grant.name, grant.access);
  await journal.loaded;
  return journalUse(journal.doc);
}
