import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { roomRecordProblems, roomRemovalProblems, rooms, sameRoom, timetableEntries, type Room } from '../../../../model/index.ts';
import { ProblemList } from '../problem-list.tsx';
import { AddCell, RemoveCell } from '../year-cells.tsx';
import { useYearEdit } from '../year-edit.ts';
import { byRoom } from './timetable-names.ts';

/** The typed fields of a room: an empty name or seats is no value. */
function roomOf(name: string, seats: string): Room {
  const out: Room = {};
  if (name.trim()) out.name = name.trim();
  if (seats.trim()) out.seats = Number(seats.trim().replace(',', '.'));
  return out;
}

/**
 * «Кабинеты»: the rooms list (SETUP-10) with each room's lessons per week; a room the timetable
 * uses is kept (SETUP-11). Rooms typed in the timetable but not listed are offered for the list
 * in one click (SETUP-18 warns of them).
 */
export function RoomsSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => (y.doc() ? rooms.all(y.doc()!).sort((a, b) => byRoom(a[0], b[0])) : []));
  const entries = createMemo(() => (y.doc() ? timetableEntries(y.doc()!) : []));
  const uses = (key: string) => entries().filter((e) => sameRoom(e.room, key)).length;
  const unlisted = createMemo(() => {
    const out: string[] = [];
    const known = (room: string) => list().some(([k]) => sameRoom(k, room)) || out.some((k) => sameRoom(k, room));
    for (const e of entries()) if (e.room.trim() && !known(e.room)) out.push(e.room.trim());
    return out.sort(byRoom);
  });
  const [draft, setDraft] = createSignal({ key: '', name: '', seats: '' });
  const put = (key: string, r: Room) => y.attempt(roomRecordProblems(y.doc()!, key, r), (d) => rooms.set(d, key, r));
  const add = () => {
    const { key, name, seats } = draft();
    const room = roomOf(name, seats);
    // A key already listed is an overwrite for the record check; here it is a second room.
    const taken = list().some(([k]) => k === key.trim()) ? [`Кабинет «${key.trim()}» уже есть в списке.`] : [];
    const problems = [...taken, ...roomRecordProblems(y.doc()!, key.trim(), room)];
    if (y.attempt(problems, (d) => rooms.set(d, key.trim(), room))) setDraft({ key: '', name: '', seats: '' });
  };
  const addUnlisted = () => y.attempt([], (d) => unlisted().forEach((k) => rooms.set(d, k, {})));
  return (
    <section class="year-section" data-testid="year-rooms">
      <h2>Кабинеты</h2>
      <p class="muted">Кабинет записывается так же, как в расписании: «21», «Спортзал». Кабинет, занятый в расписании, не удаляется.</p>
      <Show when={unlisted().length > 0}>
        <p class="year-warning" data-testid="rooms-unlisted">
          ⚠ В расписании есть кабинеты не из списка: {unlisted().join(', ')}.{' '}
          <Show when={y.canWrite()}>
            <button class="secondary" data-testid="rooms-add-unlisted" onClick={addUnlisted}>
              Добавить их в список
            </button>
          </Show>
        </p>
      </Show>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Кабинет</th>
              <th>Название</th>
              <th class="num">Мест</th>
              <th class="num">Уроков в неделю</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([key, r]) => (
                <tr data-testid={`room-${key}`}>
                  <td class="room-key">{key}</td>
                  <td>
                    <input
                      class="wide"
                      value={r.name ?? ''}
                      onChange={(e) => put(key, roomOf(e.currentTarget.value, String(r.seats ?? '')))}
                    />
                  </td>
                  <td class="num">
                    <input
                      class="narrow"
                      inputmode="numeric"
                      value={r.seats ?? ''}
                      onChange={(e) => put(key, roomOf(r.name ?? '', e.currentTarget.value))}
                    />
                  </td>
                  <td class="num">{uses(key) || '—'}</td>
                  <RemoveCell
                    testId={`room-remove-${key}`}
                    onRemove={() => y.attempt(roomRemovalProblems(y.doc()!, key), (d) => rooms.remove(d, key))}
                  />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>
                <input
                  class="narrow-text"
                  placeholder="№"
                  data-testid="room-new-key"
                  value={draft().key}
                  onInput={(e) => setDraft({ ...draft(), key: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  class="wide"
                  placeholder="Название (необязательно)"
                  data-testid="room-new-name"
                  value={draft().name}
                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                />
              </td>
              <td class="num">
                <input
                  class="narrow"
                  inputmode="numeric"
                  data-testid="room-new-seats"
                  value={draft().seats}
                  onInput={(e) => setDraft({ ...draft(), seats: e.currentTarget.value })}
                />
              </td>
              <td />
              <AddCell testId="room-add" onAdd={add} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="room-problems" />
    </section>
  );
}
