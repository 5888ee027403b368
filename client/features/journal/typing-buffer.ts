import { parseAbsenceInput, parseMarkInput, type AbsenceMark, type MarkingSystem, type MarkValue } from '../../../model/index.ts';

/**
 * Turns keys typed into a cell into entries, as fast as a teacher types: a digit is a mark at
 * once ("54" gives two marks), a letter waits only while it may still grow into a longer
 * token ("н" could become "нз" in a pass/fail subject; "о" becomes "оп").
 */
export type CellEntry = { kind: 'mark'; value: MarkValue } | { kind: 'absence'; mark: AbsenceMark };

export interface FeedResult {
  /** Entries to write now, in order. */
  entries: CellEntry[];
  /** What is still being typed (shown in the cell until it completes). */
  buffer: string;
  /** Text that made no sense, to tell the teacher about. */
  invalid: string | null;
}

const MARK_TOKENS: Record<MarkingSystem, readonly string[]> = {
  five: ['1', '2', '3', '4', '5'],
  passfail: ['з', 'зч', '+', 'p', 'нз', '-', 'f'],
  none: [],
};
const ABSENCE_TOKENS = ['н', 'n', 'о', 'оп', 'op'];

/** Keys that end a token without meaning anything themselves. */
export const SEPARATORS = new Set([' ', ',', ';', '/', '.']);

function tokens(system: MarkingSystem): string[] {
  return [...MARK_TOKENS[system], ...ABSENCE_TOKENS];
}

/** The entry a complete token stands for, or null. */
export function parseToken(system: MarkingSystem, s: string): CellEntry | null {
  const mark = system === 'none' ? null : parseMarkInput(system, s);
  if (mark !== null) return { kind: 'mark', value: mark };
  const absence = parseAbsenceInput(s);
  return absence ? { kind: 'absence', mark: absence } : null;
}

function isStrictPrefix(system: MarkingSystem, s: string): boolean {
  return tokens(system).some((t) => t.length > s.length && t.startsWith(s));
}

/** Completes whatever is buffered (on a separator, Enter, moving away or a pause). */
export function flush(system: MarkingSystem, buffer: string): FeedResult {
  if (buffer === '') return { entries: [], buffer: '', invalid: null };
  const e = parseToken(system, buffer);
  return e ? { entries: [e], buffer: '', invalid: null } : { entries: [], buffer: '', invalid: buffer };
}

/** Feeds one typed character. */
export function feed(system: MarkingSystem, buffer: string, ch: string): FeedResult {
  const c = ch.toLowerCase();
  if (SEPARATORS.has(c)) return flush(system, buffer);
  const s = buffer + c;
  if (isStrictPrefix(system, s)) return { entries: [], buffer: s, invalid: null };
  const whole = parseToken(system, s);
  if (whole) return { entries: [whole], buffer: '', invalid: null };
  if (buffer === '') return { entries: [], buffer: '', invalid: c };
  // The buffer was complete on its own and this key starts a new token: "н" then "5".
  const first = flush(system, buffer);
  const rest = feed(system, '', c);
  return { entries: [...first.entries, ...rest.entries], buffer: rest.buffer, invalid: first.invalid ?? rest.invalid };
}

/**
 * Russian letters typed with the English layout on: the physical key of "н" is Y, of "о" J,
 * of "п" G, of "з" P, of "ч" X. Latin letters that are tokens themselves (n, p, f, o) stay.
 */
const RUSSIAN_BY_CODE: Record<string, string> = { KeyY: 'н', KeyJ: 'о', KeyG: 'п', KeyP: 'з', KeyX: 'ч' };

export function typedChar(system: MarkingSystem, buffer: string, key: string, code: string): string {
  if (!/^[a-z]$/i.test(key)) return key;
  const latin = key.toLowerCase();
  if (tokens(system).some((t) => t.startsWith(buffer + latin))) return latin;
  return RUSSIAN_BY_CODE[code] ?? key;
}
