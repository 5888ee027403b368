import type * as Y from 'yjs';
import { is, recordCollection } from '../doc/record-collection.ts';

/**
 * MARK-11: what the school does with a mark for a student marked absent («н») in that lesson.
 * `warn`: the mark is written and the teacher is warned (some schools mark work handed in by an
 * absent student); `allow`: written without a word; `refuse`: neither the page nor the server
 * takes it (PERM-14).
 */
export type AbsentMarkPolicy = 'warn' | 'allow' | 'refuse';
export const ABSENT_MARK_POLICIES: readonly AbsentMarkPolicy[] = ['warn', 'allow', 'refuse'];

/** The record `settings["absentMarks"]` of the school-year document. */
export interface AbsentMarkSettings {
  policy: AbsentMarkPolicy;
}

export const ABSENT_MARKS_KEY = 'absentMarks';

/** MARK-11: a school that has not chosen warns. */
export const DEFAULT_ABSENT_MARKS: AbsentMarkSettings = { policy: 'warn' };

export const absentMarkSettings = recordCollection<AbsentMarkSettings>(
  'settings',
  (v): v is AbsentMarkSettings => is.object(v) && ABSENT_MARK_POLICIES.includes(v.policy as AbsentMarkPolicy),
);

/** MARK-11: the school's policy for marks on absent students, `warn` without a setting. */
export function readAbsentMarkPolicy(school: Y.Doc): AbsentMarkPolicy {
  return (absentMarkSettings.get(school, ABSENT_MARKS_KEY) ?? DEFAULT_ABSENT_MARKS).policy;
}
