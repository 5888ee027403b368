import { createMemo, createSignal, For, onCleanup, Show, type Accessor, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { parseDocName, rootMap, type ClassId } from '../../../../model/index.ts';
import { iupList } from '../../../../model/reports/iup-list.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { openDocument } from '../../../sync/doc-registry.ts';
import { formatDate } from '../format-date.ts';
import { describeDays } from './iup-actions.ts';

/**
 * Every class journal this user may open for the school year, opened on the device (from
 * IndexedDB first, then synced), with a counter that moves when any roster changes: the school
 * list is live as the deputy edits a plan, online or not.
 */
function useYearJournals(): Accessor<Map<ClassId, Y.Doc>> {
  const ctx = useSchool();
  const yearId = ctx.school ? parseDocName(ctx.school.name)?.yearId : undefined;
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  const docs = new Map<ClassId, Y.Doc>();
  for (const grant of ctx.me.documents) {
    const parsed = parseDocName(grant.name);
    if (parsed?.kind !== 'journal' || parsed.yearId !== yearId) continue;
    const open = openDocument(ctx.me.user.id, grant.name, grant.access);
    docs.set(parsed.classId, open.doc);
    const students = rootMap(open.doc, 'students');
    students.observe(bump);
    onCleanup(() => students.unobserve(bump));
    void open.loaded.then(bump);
  }
  return () => (version(), docs);
}

/**
 * IUP-9: «Обучающиеся по ИУП», the list the regulations ask the school to keep: every student
 * on an individual study plan, by class, with its days and basis, and per subject whether they
 * study it alone (with the teacher from the load) or not at all.
 */
export function IupSchoolList(): JSX.Element {
  const ctx = useSchool();
  const journals = useYearJournals();
  const rows = createMemo(() => {
    ctx.version();
    return ctx.ready() ? iupList(ctx.school!.doc, journals()) : [];
  });
  return (
    <section class="year-section" data-testid="iup-list">
      <h2>Обучающиеся по индивидуальным учебным планам</h2>
      <p class="muted">
        Печать и выгрузка (отчёт REP-16, по журналам на сервере):{' '}
        <a href="/api/reports/iup-list?format=pdf" target="_blank" data-testid="iup-list-pdf">
          PDF
        </a>{' '}
        ·{' '}
        <a href="/api/reports/iup-list?format=xlsx" data-testid="iup-list-xlsx">
          Excel
        </a>
      </p>
      <Show when={rows().length > 0} fallback={<p class="muted">Ни у одного ученика нет ИУП.</p>}>
        <table class="year-table iup-list-table">
          <thead>
            <tr>
              <th>Класс</th>
              <th>Ученик</th>
              <th>Срок</th>
              <th>Основание</th>
              <th>Предметы по ИУП</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr data-testid={`iup-list-${r.student.id}`}>
                  <td>{r.className}</td>
                  <td>
                    {r.student.name}
                    <Show when={r.student.leftOn}>{(d) => <span class="muted"> (выбыл(а) {formatDate(d())})</span>}</Show>
                  </td>
                  <td>{describeDays(r.plan)}</td>
                  <td>{r.plan.basis}</td>
                  <td>
                    <ul class="iup-list-subjects">
                      <For each={r.subjects}>
                        {(s) => (
                          <li>
                            {s.subject} —{' '}
                            {s.mode === 'exempt' ? (
                              'не изучает'
                            ) : (
                              <>индивидуально, {s.teacher ?? <span class="iup-no-teacher">учитель не назначен</span>}</>
                            )}
                          </li>
                        )}
                      </For>
                    </ul>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
