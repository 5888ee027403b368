import type * as Y from 'yjs';
import { is } from '../doc/record-collection.ts';
import { classes } from './staff.ts';
import { timetableEntries } from './timetable.ts';
import { ROOM_MAX_LENGTH, roomKey, rooms, sameRoom, type Room } from './room.ts';

// model/index.ts lists this module, not room.ts: the rooms collection is reached through here.
export * from './room.ts';

const MAX_SEATS = 200;
const MAX_NAME = 100;

/**
 * SETUP-10: a room is written as the timetable writes it: not empty, no spaces around it, at
 * most 20 characters, not another listed room in other letters' case («Спортзал» and
 * «спортзал» are one room); its name is at most 100 characters and its seats a whole number
 * 1…200, both optional.
 *
 * @example roomRecordProblems(doc, '21', { name: 'Кабинет математики', seats: 30 }) // → []
 */
export function roomRecordProblems(doc: Y.Doc, key: string, value: Room): string[] {
  const out: string[] = [];
  if (key.trim() === '') out.push('Укажите номер или название кабинета.');
  else if (key !== key.trim()) out.push(`Кабинет «${key.trim()}» — без пробелов в начале и в конце.`);
  if (key.length > ROOM_MAX_LENGTH) out.push(`Кабинет «${key}» длиннее ${ROOM_MAX_LENGTH} знаков.`);
  if (!is.object(value)) return [...out, 'Запись кабинета повреждена.'];
  const { name, seats } = value;
  if (name !== undefined && (!is.string(name) || name.length > MAX_NAME)) out.push(`Название кабинета — не длиннее ${MAX_NAME} знаков.`);
  if (seats !== undefined && !(is.number(seats) && Number.isInteger(seats) && seats >= 1 && seats <= MAX_SEATS))
    out.push(`Мест в кабинете — целое число от 1 до ${MAX_SEATS}.`);
  const twin = rooms.all(doc).find(([k]) => k !== key && roomKey(k) !== '' && roomKey(k) === roomKey(key));
  if (twin) out.push(`Кабинет «${twin[0]}» уже есть в списке.`);
  return out;
}

/**
 * SETUP-11: a room the weekly timetable still uses is not removed from the list: the deputy
 * first moves those lessons to another room. Judged on who refers to `key`, never on the record.
 */
export function roomRemovalProblems(doc: Y.Doc, key: string): string[] {
  const using = timetableEntries(doc).filter((e) => sameRoom(e.room, key));
  if (using.length === 0) return [];
  const classNames = [...new Set(using.map((e) => classes.get(doc, e.classId)?.name ?? e.classId))].sort((a, b) =>
    a.localeCompare(b, 'ru', { numeric: true }),
  );
  return [`Кабинет «${key}» стоит в расписании (${classNames.join(', ')}; уроков в неделю: ${using.length}) — сначала замените его там.`];
}
