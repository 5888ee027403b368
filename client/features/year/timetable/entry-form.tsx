import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  allAssignments,
  joinKey,
  removeTimetableEntry,
  rooms,
  setTimetableEntry,
  splitKey,
  staff,
  timetableEntries,
  timetableKey,
  timetableRecordProblems,
  timetableWarnings,
  type ClassId,
  type GroupId,
  type SubjectId,
  type TimetableEntry,
  type UserId,
} from '../../../../model/index.ts';
import { ProblemList } from '../problem-list.tsx';
import { useYearEdit } from '../year-edit.ts';
import { byRoom, namesIn, slotTitle } from './timetable-names.ts';

/** The cell a form edits: a class's weekday and slot, and the lesson being changed (none = a new one). */
export interface EntryTarget {
  classId: ClassId;
  weekday: number;
  slot: number;
  original?: TimetableEntry;
}

/**
 * Adds, changes or removes one weekly lesson of a class. The subject and group come from the
 * class's teaching load, the teacher defaults to the load's, the room to the one the teacher
 * uses most; the model refuses a clash or a broken reference (SETUP-12…16) with its reasons and
 * warns, without refusing, of a teacher other than the load's or an unlisted room (SETUP-17, 18).
 */
export function EntryForm(props: { target: EntryTarget; onDone: () => void }): JSX.Element {
  const y = useYearEdit();
  const names = () => namesIn(y.doc());
  const t = props.target;
  const load = createMemo(() => (y.doc() ? allAssignments(y.doc()!).filter((a) => a.classId === t.classId) : []));
  const pairs = createMemo(() => {
    const list = load().map((a) => ({ subjectId: a.subjectId, groupId: a.groupId }));
    const o = t.original;
    if (o && !list.some((p) => p.subjectId === o.subjectId && p.groupId === o.groupId))
      list.push({ subjectId: o.subjectId, groupId: o.groupId });
    return list.sort((a, b) => names().lessonTitle(a).localeCompare(names().lessonTitle(b), 'ru'));
  });
  const teachers = createMemo(() => (y.doc() ? staff.all(y.doc()!).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : []));
  const roomList = createMemo(() =>
    y.doc()
      ? rooms
          .all(y.doc()!)
          .map(([k]) => k)
          .sort(byRoom)
      : [],
  );
  const [pair, setPair] = createSignal(t.original ? joinKey(t.original.subjectId, t.original.groupId) : '');
  const [teacherId, setTeacherId] = createSignal<string>(t.original?.teacherId ?? '');
  const [room, setRoom] = createSignal(t.original?.room ?? '');

  /** The room a teacher has most of their lessons in, to start the field with. */
  const usualRoom = (id: string) => {
    const count = new Map<string, number>();
    for (const e of y.doc() ? timetableEntries(y.doc()!) : [])
      if (e.teacherId === id && e.room) count.set(e.room, (count.get(e.room) ?? 0) + 1);
    return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  };
  const choose = (value: string) => {
    setPair(value);
    const [subjectId, groupId] = splitKey(value);
    const planned = load().find((a) => a.subjectId === subjectId && a.groupId === groupId)?.teacherId;
    if (planned) setTeacherId(planned);
    if (!room().trim()) setRoom(usualRoom(teacherId()));
  };
  const entry = (): TimetableEntry | null => {
    if (!pair()) return null;
    const [subjectId, groupId] = splitKey(pair());
    return {
      classId: t.classId,
      weekday: t.weekday,
      slot: t.slot,
      subjectId: subjectId as SubjectId,
      groupId: groupId as GroupId,
      teacherId: teacherId() as UserId,
      room: room().trim(),
    };
  };
  const warnings = createMemo(() => {
    const e = entry();
    return e && e.teacherId && y.doc() ? timetableWarnings(y.doc()!, timetableKey(e), e) : [];
  });
  const save = () => {
    const e = entry();
    if (!e) return y.attempt(['Выберите предмет из нагрузки класса.'], () => {});
    const key = timetableKey(e);
    const old = t.original && timetableKey(t.original);
    const replaces = old !== key ? old : undefined;
    const problems = timetableRecordProblems(y.doc()!, key, { teacherId: e.teacherId, room: e.room }, replaces);
    const done = y.attempt(problems, (d) => {
      if (replaces) removeTimetableEntry(d, t.original!);
      setTimetableEntry(d, e);
    });
    if (done) props.onDone();
    return done;
  };
  const remove = () => y.attempt([], (d) => removeTimetableEntry(d, t.original!)) && props.onDone();

  return (
    <div class="tt-form" data-testid="tt-form">
      <h3>
        {names().className(t.classId)} · {slotTitle(t.weekday, t.slot)}: {t.original ? 'изменить урок' : 'новый урок'}
      </h3>
      <Show when={pairs().length === 0}>
        <p class="notice">У класса нет нагрузки: назначьте учителей на вкладке «Нагрузка».</p>
      </Show>
      <div class="tt-form-fields">
        <label>
          Предмет
          <select data-testid="tt-form-lesson" onChange={(e) => choose(e.currentTarget.value)}>
            <option value="">— предмет</option>
            <For each={pairs()}>
              {(p) => (
                <option value={joinKey(p.subjectId, p.groupId)} selected={joinKey(p.subjectId, p.groupId) === pair()}>
                  {names().lessonTitle(p)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          Учитель
          <select data-testid="tt-form-teacher" onChange={(e) => setTeacherId(e.currentTarget.value)}>
            <option value="">— учитель</option>
            <For each={teachers()}>
              {([id, s]) => (
                <option value={id} selected={id === teacherId()}>
                  {s.short || s.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          Кабинет
          <input
            class="narrow-text"
            list="tt-room-list"
            data-testid="tt-form-room"
            value={room()}
            onInput={(e) => setRoom(e.currentTarget.value)}
          />
          <datalist id="tt-room-list">
            <For each={roomList()}>{(r) => <option value={r} />}</For>
          </datalist>
        </label>
        <button data-testid="tt-form-save" onClick={save}>
          Сохранить
        </button>
        <Show when={t.original}>
          <button class="secondary" data-testid="tt-form-remove" onClick={remove}>
            Удалить урок
          </button>
        </Show>
        <button class="secondary" data-testid="tt-form-cancel" onClick={() => props.onDone()}>
          Отмена
        </button>
      </div>
      <For each={warnings()}>{(w) => <p class="year-warning tt-form-warning">⚠ {w}</p>}</For>
      <ProblemList problems={y.problems()} testId="tt-problems" />
    </div>
  );
}
