/**
 * The storage port's record of what families have read (факт ознакомления, DIARY-20…DIARY-29)
 * and of the school's notices to them; `port.ts` re-exports it. Kept by the server only, apart
 * from the documents: a diary is a projection the server may rebuild at any time, and what a
 * parent confirmed must survive that.
 */

/** `week`: the diary's week (its Monday); `mark`: one mark (`lessonId:place`); `finals`: a period's finals (its id). */
export type DiaryAckKind = 'week' | 'mark' | 'finals';

/** One account read (or, for finals, confirmed) one thing of one student's diary, at `at` (server clock). */
export interface DiaryAck {
  userId: string;
  studentId: string;
  kind: DiaryAckKind;
  item: string;
  at: number;
}

/** A notice to a student's family (a class teacher's reminder), copied into the diary's `notices`. */
export interface DiaryNoticeRow {
  id: string;
  studentId: string;
  text: string;
  /** Who asks: the class teacher's name. */
  from: string;
  at: number;
}

export interface DiaryAckStore {
  /** Idempotent per (userId, studentId, kind, item): the first time is kept. */
  recordDiaryAck(a: DiaryAck): Promise<void>;
  /** Every ack of the given students, oldest first. */
  diaryAcks(filter: { studentIds: readonly string[] }): Promise<DiaryAck[]>;
  /** A notice whose id the student already has is ignored: the first one stays. */
  addDiaryNotice(n: DiaryNoticeRow): Promise<void>;
  /** Newest first, at most `limit` (default 20). */
  diaryNotices(studentId: string, limit?: number): Promise<DiaryNoticeRow[]>;
}
