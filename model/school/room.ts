import { is, recordCollection } from '../doc/record-collection.ts';

/**
 * A room (кабинет) of the school: `rooms["21"]`, keyed by the room exactly as the timetable
 * writes it («21», «Спортзал»), so that the timetable's `room` stays a plain string and old
 * imports keep working. The record only adds what a deputy plans with.
 */
export interface Room {
  /** «Кабинет математики», «Малый спортзал»; absent = only the number. */
  name?: string;
  /** Places for students; absent = not counted. */
  seats?: number;
}

/** The longest room a timetable cell or the rooms list takes (the import refuses longer ones, IMP-12). */
export const ROOM_MAX_LENGTH = 20;

export const rooms = recordCollection<Room>(
  'rooms',
  (v): v is Room => is.object(v) && (v.name === undefined || is.string(v.name)) && (v.seats === undefined || is.number(v.seats)),
);

/** How a room is compared: «Спортзал», «спортзал » and «СПОРТЗАЛ» are one room; ё is е. */
export function roomKey(room: string): string {
  return room.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

/** True when two written rooms are the same room (an empty room is no room and matches none). */
export function sameRoom(a: string, b: string): boolean {
  const k = roomKey(a);
  return k !== '' && k === roomKey(b);
}
