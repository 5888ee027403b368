import type { Role, UserId } from '../../model/index.ts';

/** What GET /api/me answers: the signed-in user and the documents they may open. */
export interface MeUser {
  id: UserId;
  login: string;
  name: string;
  roles: Role[];
  /** The first of `studentLinks`, as the server sent it when an account had one student. */
  studentLink?: StudentLinkInfo;
  /**
   * AUTH-26: the students a parent's or a student's account belongs to, oldest first (a parent's
   * every child; a student's own); empty for staff. Absent in an answer cached before it existed.
   */
  studentLinks?: StudentLinkInfo[];
}

/** A student of a class's roster that an account belongs to. */
export interface StudentLinkInfo {
  classId: string;
  studentId: string;
}

export interface DocumentGrant {
  name: string;
  /** `diary`: a student's diary (`diary/{studentId}/{yearId}`), read-only, listed for the student and their parents. */
  kind: 'school' | 'journal' | 'diary';
  title: string;
  access: 'read' | 'write';
}

export interface Me {
  user: MeUser;
  documents: DocumentGrant[];
}
