import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import {
  bellSchedule,
  classes,
  loadTeacherWarnings,
  rooms,
  sameRoom,
  staff,
  timetableEntries,
  timetableKey,
  type ClassId,
  type TimetableEntry,
} from '../../../../model/index.ts';
import { useYearEdit } from '../year-edit.ts';
import { EntryForm, type EntryTarget } from './entry-form.tsx';
import { HoursTable } from './hours-table.tsx';
import { TimetableGrid } from './timetable-grid.tsx';
import { byRoom, namesIn, type TimetableNames } from './timetable-names.ts';

type View = 'class' | 'teacher' | 'room';
const at = (w: number, slot: number) => (e: TimetableEntry) => e.weekday === w && e.slot === slot;

/**
 * «Расписание»: the weekly timetable by class (edited cell by cell), or one teacher's or one
 * room's week to read. A class's lessons carry their warnings (SETUP-17, SETUP-18) and the class
 * its lessons per week against the curriculum (SETUP-19). Every edit shows in the open journals
 * at once: a page's planned lessons are the timetable's (PAGE-1).
 */
export function TimetableSection(): JSX.Element {
  const y = useYearEdit();
  const names = () => namesIn(y.doc());
  const slots = createMemo(() => (y.doc() ? bellSchedule(y.doc()!) : []));
  const entries = createMemo(() => (y.doc() ? timetableEntries(y.doc()!) : []));
  const classList = createMemo(() =>
    y.doc() ? classes.all(y.doc()!).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru')) : [],
  );
  const teacherList = createMemo(() => {
    const used = new Set(entries().map((e) => e.teacherId as string));
    return y.doc()
      ? staff
          .all(y.doc()!)
          .filter(([id]) => used.has(id))
          .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'))
      : [];
  });
  const roomList = createMemo(() => {
    const out: string[] = [];
    for (const e of entries()) if (e.room.trim() && !out.some((r) => sameRoom(r, e.room))) out.push(e.room.trim());
    return out.sort(byRoom);
  });
  const [view, setView] = createSignal<View>('class');
  const [classId, setClassId] = createSignal('');
  const [teacherId, setTeacherId] = createSignal('');
  const [room, setRoom] = createSignal('');
  const [target, setTarget] = createSignal<EntryTarget | null>(null);
  const currentClass = () => classId() || classList()[0]?.[0] || '';
  const classEntries = createMemo(() => entries().filter((e) => e.classId === currentClass()));
  const listed = createMemo(() => (y.doc() ? rooms.all(y.doc()!).map(([k]) => k) : []));
  const unlisted = (e: TimetableEntry) => e.room.trim() !== '' && !listed().some((k) => sameRoom(k, e.room));
  /** SETUP-17 per lesson; SETUP-18 is one line per class, not a mark on every lesson of a room. */
  const teacherWarnings = (e: TimetableEntry) => (y.doc() ? loadTeacherWarnings(y.doc()!, timetableKey(e), e) : []);
  const classWarnings = createMemo(() => {
    const out = [...new Set(classEntries().flatMap(teacherWarnings))];
    const missing = [
      ...new Set(
        classEntries()
          .filter(unlisted)
          .map((e) => e.room.trim()),
      ),
    ].sort(byRoom);
    if (missing.length) out.push(`Кабинетов нет в списке кабинетов: ${missing.join(', ')}.`);
    return out;
  });
  const open = (weekday: number, slot: number, original?: TimetableEntry) => {
    if (y.canWrite()) setTarget({ classId: currentClass() as ClassId, weekday, slot, original });
  };
  const sorted = (list: TimetableEntry[]) => list.sort((a, b) => names().lessonTitle(a).localeCompare(names().lessonTitle(b), 'ru'));

  const classCell = (w: number, slot: number) => (
    <>
      <For each={sorted(classEntries().filter(at(w, slot)))}>
        {(e) => (
          <button
            class="tt-entry"
            classList={{ warn: teacherWarnings(e).length > 0 }}
            title={teacherWarnings(e).join('\n')}
            data-testid={`tt-entry-${w}-${slot}-${e.subjectId}-${e.groupId}`}
            disabled={!y.canWrite()}
            onClick={() => open(w, slot, e)}
          >
            <EntryLines names={names()} e={e} unlisted={unlisted(e)} />
          </button>
        )}
      </For>
      <Show when={y.canWrite()}>
        <button class="tt-add" title="Добавить урок" data-testid={`tt-add-${w}-${slot}`} onClick={() => open(w, slot)}>
          +
        </button>
      </Show>
    </>
  );
  const readCell = (list: TimetableEntry[], show: (e: TimetableEntry) => string) => (
    <For each={list}>
      {(e) => (
        <div class="tt-entry read">
          <b>
            {names().className(e.classId)} · {names().subjectName(e.subjectId)}
          </b>
          <Show when={names().groupName(e.groupId)}>
            <i>{names().groupName(e.groupId)}</i>
          </Show>
          <span>{show(e)}</span>
        </div>
      )}
    </For>
  );

  return (
    <section class="year-section" data-testid="year-timetable">
      <h2>Расписание уроков на неделю</h2>
      <div class="year-add-line">
        <select data-testid="tt-view" onChange={(e) => (setView(e.currentTarget.value as View), setTarget(null))}>
          <option value="class">по классу</option>
          <option value="teacher">по учителю</option>
          <option value="room">по кабинету</option>
        </select>
        <Switch>
          <Match when={view() === 'class'}>
            <select data-testid="tt-class" onChange={(e) => (setClassId(e.currentTarget.value), setTarget(null))}>
              <For each={classList()}>
                {([id, c]) => (
                  <option value={id} selected={id === currentClass()}>
                    {c.name}
                  </option>
                )}
              </For>
            </select>
          </Match>
          <Match when={view() === 'teacher'}>
            <select data-testid="tt-teacher" onChange={(e) => setTeacherId(e.currentTarget.value)}>
              <option value="">— учитель</option>
              <For each={teacherList()}>{([id, s]) => <option value={id}>{s.name}</option>}</For>
            </select>
          </Match>
          <Match when={view() === 'room'}>
            <select data-testid="tt-room" onChange={(e) => setRoom(e.currentTarget.value)}>
              <option value="">— кабинет</option>
              <For each={roomList()}>{(r) => <option value={r}>{r}</option>}</For>
            </select>
          </Match>
        </Switch>
      </div>
      <Show
        when={slots().length > 0}
        fallback={<p class="notice">Сначала задайте расписание звонков на вкладке «Календарь и предметы».</p>}
      >
        <Switch>
          <Match when={view() === 'class'}>
            <TimetableGrid testId="tt-grid" slots={slots()} cell={classCell} />
            <Show when={target()} keyed>
              {(t) => <EntryForm target={t} onDone={() => setTarget(null)} />}
            </Show>
            <For each={classWarnings()}>
              {(w) => (
                <p class="year-warning" data-testid="tt-warning">
                  ⚠ {w}
                </p>
              )}
            </For>
            <HoursTable classId={currentClass()} />
          </Match>
          <Match when={view() === 'teacher'}>
            <TimetableGrid
              testId="tt-teacher-grid"
              slots={slots()}
              cell={(w, slot) =>
                readCell(
                  entries().filter((e) => e.teacherId === teacherId() && at(w, slot)(e)),
                  (e) => (e.room ? `каб. ${e.room}` : ''),
                )
              }
            />
          </Match>
          <Match when={view() === 'room'}>
            <TimetableGrid
              testId="tt-room-grid"
              slots={slots()}
              cell={(w, slot) =>
                readCell(
                  entries().filter((e) => room() !== '' && sameRoom(e.room, room()) && at(w, slot)(e)),
                  (e) => names().teacherShort(e.teacherId),
                )
              }
            />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}

/** A lesson in its cell: the subject, the group (when split), the teacher and the room. */
function EntryLines(props: { names: TimetableNames; e: TimetableEntry; unlisted: boolean }): JSX.Element {
  return (
    <>
      <b>{props.names.subjectName(props.e.subjectId)}</b>
      <Show when={props.names.groupName(props.e.groupId)}>
        <i>{props.names.groupName(props.e.groupId)}</i>
      </Show>
      <span>
        {props.names.teacherShort(props.e.teacherId)}
        <Show when={props.e.room}>
          {' · '}
          <span classList={{ 'tt-unlisted': props.unlisted }} title={props.unlisted ? 'Кабинета нет в списке кабинетов' : undefined}>
            каб. {props.e.room}
          </span>
        </Show>
      </span>
    </>
  );
}
