/**
 * Marking systems (MARK-*): the 5-point system, pass/fail, and none for grade 1.
 */
export type MarkingSystem = 'five' | 'passfail' | 'none';

/** A mark as stored: 1–5 in the 5-point system, 'P' (зачёт) or 'F' (незачёт) for pass/fail. */
export type MarkValue = 1 | 2 | 3 | 4 | 5 | 'P' | 'F';

/** MARK-1, MARK-2: which values a marking system admits. */
export function isMarkValueAllowed(system: MarkingSystem, value: unknown): value is MarkValue {
  switch (system) {
    case 'five':
      return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
    case 'passfail':
      return value === 'P' || value === 'F';
    case 'none':
      return false;
  }
}

/** MARK-3: grade 1 gets no marks; otherwise the subject's own system applies. */
export function markingSystemFor(grade: number, subjectSystem: MarkingSystem): MarkingSystem {
  return grade <= 1 ? 'none' : subjectSystem;
}

/** MARK-7: how a mark is written on the journal page: the digit, "зч" (зачёт), "нз" (незачёт). */
export function formatMark(value: MarkValue): string {
  if (value === 'P') return 'зч';
  if (value === 'F') return 'нз';
  return String(value);
}

/**
 * MARK-7: parses what a teacher types into a mark cell. Accepts 1–5 for the 5-point system and
 * "з"/"зч"/"+" (зачёт), "нз"/"-" (незачёт) for pass/fail. Returns null for anything else.
 */
export function parseMarkInput(system: MarkingSystem, input: string): MarkValue | null {
  const s = input.trim().toLowerCase();
  if (system === 'five') {
    // Only one digit: Number() would also take "0x5", "5.0" or "5e0".
    return /^[1-5]$/.test(s) ? (Number(s) as MarkValue) : null;
  }
  if (system === 'passfail') {
    if (s === 'з' || s === 'зч' || s === '+' || s === 'p') return 'P';
    if (s === 'нз' || s === '-' || s === 'f') return 'F';
  }
  return null;
}
