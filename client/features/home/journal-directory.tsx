import { createMemo, For, Show, type JSX } from 'solid-js';
import { allAssignments, parseDocName, type UserId } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { attendanceHref, journalHref } from '../../state/router.ts';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';

interface PageLink {
  classId: string;
  subjectId: string;
  groupId: string;
  teacherId: string;
}

/**
 * Every journal page the user may open: first the ones they teach (the teaching load), then,
 * per class journal they can read (class teacher, deputy), all of that class's pages.
 */
export function JournalDirectory(): JSX.Element {
  const ctx = useSchool();
  const school = () => ctx.school!.doc;
  const userId = ctx.me.user.id as UserId;
  const journals = () =>
    ctx.me.documents
      .filter((d) => d.kind === 'journal')
      .map((d) => ({ grant: d, parsed: parseDocName(d.name) }))
      .filter((d) => d.parsed?.kind === 'journal')
      .map((d) => ({ ...d.grant, classId: (d.parsed as { classId: string }).classId }))
      .sort((a, b) => className(school(), a.classId).localeCompare(className(school(), b.classId), 'ru', { numeric: true }));

  const sortPages = (pages: PageLink[]) =>
    pages.sort(
      (a, b) =>
        className(school(), a.classId).localeCompare(className(school(), b.classId), 'ru', { numeric: true }) ||
        subjectName(school(), a.subjectId).localeCompare(subjectName(school(), b.subjectId), 'ru') ||
        a.groupId.localeCompare(b.groupId),
    );
  const mine = createMemo(() => {
    ctx.version();
    const open = new Set(journals().map((j) => j.classId));
    return sortPages(allAssignments(school()).filter((a) => a.teacherId === userId && open.has(a.classId)));
  });
  const others = createMemo(() => {
    ctx.version();
    const all = allAssignments(school());
    return journals().map((j) => ({
      ...j,
      pages: sortPages(all.filter((a) => a.classId === j.classId && a.teacherId !== userId)),
    }));
  });
  // The class teacher reaches the board from their cards; those who oversee the journal, from here.
  const oversees = () => ctx.me.user.roles.some((r) => r === 'deputy' || r === 'director' || r === 'admin');
  const label = (p: PageLink) => {
    const g = groupName(school(), p.groupId);
    return `${subjectName(school(), p.subjectId)}${g ? ` (${g})` : ''}`;
  };

  return (
    <>
      <Show when={mine().length > 0}>
        <section class="directory">
          <h2>Мои классы и предметы</h2>
          <ul class="page-cards" data-testid="my-pages">
            <For each={mine()}>
              {(p) => (
                <li>
                  <a href={journalHref(p.classId, p.subjectId, p.groupId)} data-testid={`page-${p.classId}-${p.subjectId}-${p.groupId}`}>
                    <strong>{className(school(), p.classId)}</strong>
                    <span>{label(p)}</span>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <For each={others().filter((j) => j.pages.length > 0)}>
        {(j) => (
          <section class="directory">
            <h2>
              Журнал {className(school(), j.classId)}
              <Show when={mine().some((p) => p.classId === j.classId)}> — другие предметы</Show>
              <Show when={j.access === 'read'}>
                <span class="tag">только просмотр</span>
              </Show>
              <Show when={oversees()}>
                <a class="directory-aside" href={attendanceHref(j.classId)} data-testid={`attendance-link-${j.classId}`}>
                  Посещаемость
                </a>
              </Show>
            </h2>
            <ul class="page-list">
              <For each={j.pages}>
                {(p) => (
                  <li>
                    <a href={journalHref(p.classId, p.subjectId, p.groupId)} data-testid={`page-${p.classId}-${p.subjectId}-${p.groupId}`}>
                      {label(p)}
                    </a>
                    <span class="muted"> — {staffName(school(), p.teacherId)}</span>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
      <Show when={journals().length === 0}>
        <p class="muted">Вам не открыт ни один журнал класса.</p>
      </Show>
    </>
  );
}
