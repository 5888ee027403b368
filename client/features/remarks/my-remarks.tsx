import { createMemo, For, mapArray, Show, type JSX } from 'solid-js';
import { allAssignments, groupLabel, parseDocName, type Remark, type UserId } from '../../../model/index.ts';
import { createRemarks } from '../../bridge/create-remarks.ts';
import { plural } from '../../i18n/format.ts';
import { journalHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';
import { RemarkCard } from './remark-card.tsx';
import '../../styles/remarks.css';

/**
 * The teacher's remarks on their home page (REM-*): the deputy's remarks on the pages they
 * teach that are not closed yet, newest deadline first, each linking to its page and lesson.
 * The journals of their classes are opened (and stay open, like every opened document), so a
 * new remark appears here as soon as it syncs — and offline, from the local copy.
 */
export function MyRemarks(): JSX.Element {
  const ctx = useSchool();
  const userId = ctx.me.user.id as UserId;
  const school = () => (ctx.version(), ctx.school!.doc);
  const mine = createMemo(() => allAssignments(school()).filter((a) => a.teacherId === userId));
  const grants = createMemo(() => {
    const taught = new Set(mine().map((a) => a.classId as string));
    return ctx.me.documents.filter((d) => {
      const n = parseDocName(d.name);
      return n?.kind === 'journal' && taught.has(n.classId);
    });
  });
  const perClass = mapArray(grants, (grant) => {
    const classId = (parseDocName(grant.name) as { classId: string }).classId;
    const doc = openDocument(userId, grant.name, grant.access).doc;
    const teaches = (r: Remark) => mine().some((a) => a.classId === classId && a.subjectId === r.subjectId && a.groupId === r.groupId);
    const list = createRemarks(doc, (r) => r.state !== 'closed');
    return () =>
      list()
        .filter(teaches)
        .map((remark) => ({ classId, remark }));
  });
  const remarks = createMemo(() =>
    perClass()
      .flatMap((list) => list())
      .sort((a, b) => a.remark.deadline.localeCompare(b.remark.deadline)),
  );
  const waiting = () => remarks().filter((r) => r.remark.state === 'open').length;
  const page = (classId: string, r: Remark) => {
    const g = r.groupId === 'all' ? '' : groupLabel(groupName(school(), r.groupId));
    return `${className(school(), classId)} · ${subjectName(school(), r.subjectId)}${g ? ` (${g})` : ''}`;
  };

  return (
    <Show when={remarks().length > 0}>
      <section class="directory my-remarks" data-testid="my-remarks">
        <h2 data-testid="my-remarks-count">Замечания: {remarks().length}</h2>
        <Show when={waiting() > 0}>
          <p class="muted">
            {waiting()} {plural(waiting(), ['замечание ждёт', 'замечания ждут', 'замечаний ждут'])} вашего ответа: откройте страницу
            журнала, исправьте и ответьте заместителю директора.
          </p>
        </Show>
        <ul class="remark-list">
          <For each={remarks()}>
            {({ classId, remark }) => (
              <RemarkCard
                remark={remark}
                author={staffName(school(), remark.createdBy)}
                heading={
                  <a
                    href={journalHref(classId, remark.subjectId, remark.groupId, remark.lessonId ?? undefined)}
                    data-testid="my-remark-link"
                  >
                    {page(classId, remark)}
                  </a>
                }
              />
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
