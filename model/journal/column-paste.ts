import { parseAbsenceInput, type AbsenceMark } from '../marking/attendance.ts';
import { parseMarkInput, type MarkingSystem, type MarkValue } from '../marking/mark-value.ts';
import type { AbsentMarkPolicy } from '../school/absent-mark-setting.ts';
import { absentMarkVerdict } from './absent-marks.ts';
import { MAX_MARKS_PER_LESSON } from './mark-places.ts';

/** One line of a pasted column: a mark or an absence mark for one cell. */
export type PastedValue = { kind: 'mark'; value: MarkValue } | { kind: 'absence'; mark: AbsenceMark };

/** A cell the paste would fill, from the focused one down: whose, and what it holds now. */
export interface PasteRow {
  name: string;
  /** Why the cell may not be written (PERM-*, as the page greys it out), or null. */
  blocked: string | null;
  absence: AbsenceMark | null;
  marks: number;
}

export interface PastePlan {
  /** What to write, by row (0 = the focused cell); empty lines are skipped. */
  writes: Array<{ row: number; value: PastedValue }>;
  /** Rows where a mark will stand beside «н» under the school's `warn` (MARK-11). */
  warnings: number[];
}

export type PasteResult = { ok: true; plan: PastePlan } | { ok: false; problem: string };

const NOTHING = 'ничего не вставлено';

/** The lines of a pasted text; the newline that ends the last line (a spreadsheet's copy has one) makes no line of its own. */
export function pasteLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const anyMark = (s: string) => parseMarkInput('five', s) ?? parseMarkInput('passfail', s);
const isValue = (system: MarkingSystem, s: string) => parseMarkInput(system, s) !== null || parseAbsenceInput(s) !== null;

/**
 * MARK-10: one line as a value for one cell: a mark of the subject's system (MARK-7), «н» or
 * «оп» (ATT-3), or null for an empty line (the cell is skipped); anything else is a problem,
 * said in Russian.
 */
export function parsePastedLine(system: MarkingSystem, line: string): PastedValue | null | { problem: string } {
  const s = line.trim();
  if (s === '') return null;
  const mark = system === 'none' ? null : parseMarkInput(system, s);
  if (mark !== null) return { kind: 'mark', value: mark };
  const absence = parseAbsenceInput(s);
  if (absence !== null) return { kind: 'absence', mark: absence };
  if (anyMark(s) !== null) {
    if (system === 'none') return { problem: 'отметки здесь не ставятся, только «н» и «оп»' };
    return {
      problem:
        system === 'five' ? 'не отметка пятибалльной системы этого предмета' : 'предмет оценивается «зачёт / незачёт»: вводите зч или нз',
    };
  }
  const parts = s.split(/[\s,;/]+/);
  if (parts.length > 1 && parts.every((p) => isValue(system, p) || anyMark(p) !== null))
    return { problem: 'несколько значений в одной строке' };
  return { problem: 'не отметка' };
}

const quoted = (line: string) => `«${line.trim().length > 40 ? `${line.trim().slice(0, 40)}…` : line.trim()}»`;
const clause = (s: string) => {
  const t = s.replace(/[.\s]+$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
};

/**
 * MARK-10: a pasted text as a spreadsheet column from the focused cell down, one line per cell:
 * every line is judged before anything is written, and one bad line — a name, two values, a value
 * the subject's system does not take, a student not on the page, a full cell (MARK-6), a mark
 * beside «н» where the school refuses it (MARK-11) — or more lines than rows refuses the whole
 * paste, naming the line.
 */
export function planColumnPaste(system: MarkingSystem, policy: AbsentMarkPolicy, text: string, rows: readonly PasteRow[]): PasteResult {
  const lines = pasteLines(text);
  const fail = (problem: string): PasteResult => ({ ok: false, problem });
  if (lines.length > rows.length)
    return fail(`Строк во вставке: ${lines.length}, а учеников от выбранной ячейки до конца списка: ${rows.length}; ${NOTHING}.`);
  const plan: PastePlan = { writes: [], warnings: [] };
  for (const [i, line] of lines.entries()) {
    const at = `Строка ${i + 1}: ${quoted(line)} —`;
    const value = parsePastedLine(system, line);
    if (value === null) continue;
    if ('problem' in value) return fail(`${at} ${value.problem}; ${NOTHING}.`);
    const row = rows[i];
    if (row.blocked !== null) return fail(`${at} ${row.name}: ${clause(row.blocked)}; ${NOTHING}.`);
    if (value.kind === 'mark' && row.marks >= MAX_MARKS_PER_LESSON)
      return fail(`${at} ${row.name}: в ячейке уже ${MAX_MARKS_PER_LESSON} отметки; ${NOTHING}.`);
    const after = value.kind === 'mark' ? { absence: row.absence, marks: row.marks + 1 } : { absence: value.mark, marks: row.marks };
    const verdict = absentMarkVerdict(policy, after);
    if (verdict === 'refuse')
      return fail(
        `${at} ${row.name}: ${value.kind === 'mark' ? 'отмечен «н», а по правилам школы отметка ему не ставится' : 'есть отметка, а по правилам школы «н» тогда не ставится'}; ${NOTHING}.`,
      );
    if (verdict === 'warn') plan.warnings.push(i);
    plan.writes.push({ row: i, value });
  }
  return { ok: true, plan };
}
