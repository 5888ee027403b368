import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { diaryHref, route, type DiaryView as View } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { viewedYear } from '../../state/session.ts';
import type { OpenDocument } from '../../sync/doc-registry.ts';
import { createDiary } from './create-diary.ts';
import { DiaryFreshness } from './diary-freshness.tsx';
import { DiaryNotices } from './diary-notices.tsx';
import { WeekView } from './week-view.tsx';
import { SubjectsView } from './subjects-view.tsx';
import { AttendanceView } from './attendance-view.tsx';
import { DiaryFinalsView } from './diary-finals-view.tsx';
import { MESSAGES_HREF } from '../messages/messages-route.ts';

const TABS: ReadonlyArray<{ view: View; label: string; title: string }> = [
  { view: 'week', label: 'Неделя', title: 'Уроки, задания и отметки недели' },
  { view: 'subjects', label: 'Отметки', title: 'Отметки по предметам и средний балл' },
  { view: 'attendance', label: 'Пропуски', title: 'Пропуски и опоздания' },
  { view: 'finals', label: 'Итоги', title: 'Итоговые отметки за периоды и год' },
];

/** One child's diary: who, how fresh, the school's notices, and the four views behind tabs. */
export function DiaryView(props: { open: OpenDocument; studentId: string }): JSX.Element {
  const ctx = useSchool();
  const data = createDiary(props.open.doc);
  const view = (): View => {
    const r = route();
    return r.page === 'diary' ? r.view : 'week';
  };
  const week = () => {
    const r = route();
    return r.page === 'diary' ? r.week : null;
  };
  return (
    <>
      <Show when={data().info}>
        {(info) => (
          <header class="diary-head">
            <h1 data-testid="diary-student">
              {info().name}
              <span class="diary-class">, {info().className}</span>
            </h1>
            <p class="diary-sub">
              {info().schoolName} · {info().yearTitle}
              {info().classTeacher ? ` · классный руководитель ${info().classTeacher}` : ''}
            </p>
          </header>
        )}
      </Show>
      <DiaryFreshness synced={props.open.synced} syncedAt={props.open.syncedAt} />
      {/* The school's notices are this year's: a past year's diary (YEAR-24) shows none. */}
      <Show when={viewedYear() === null}>
        <DiaryNotices userId={ctx.me.user.id} studentId={props.studentId} notices={data().notices} />
      </Show>
      <nav class="diary-tabs" aria-label="Разделы дневника">
        <For each={TABS}>
          {(t) => (
            <a
              class="diary-tab"
              classList={{ current: view() === t.view }}
              href={diaryHref(props.studentId, t.view)}
              title={t.title}
              aria-current={view() === t.view ? 'page' : undefined}
              data-testid={`diary-tab-${t.view}`}
            >
              {t.label}
            </a>
          )}
        </For>
      </nav>
      <Switch>
        <Match when={view() === 'week'}>
          <WeekView data={data} studentId={props.studentId} week={week()} />
        </Match>
        <Match when={view() === 'subjects'}>
          <SubjectsView data={data} studentId={props.studentId} />
        </Match>
        <Match when={view() === 'attendance'}>
          <AttendanceView data={data} />
        </Match>
        <Match when={view() === 'finals'}>
          <DiaryFinalsView data={data} studentId={props.studentId} />
        </Match>
      </Switch>
      <section class="diary-messages" aria-label="Сообщения и объявления">
        <h2>Сообщения и объявления</h2>
        <p>
          Переписка с учителями — в разделе <a href={MESSAGES_HREF}>«Сообщения»</a>, объявления школы и класса — в разделе{' '}
          <a href="#/boards">«Объявления»</a>.
        </p>
      </section>
    </>
  );
}
