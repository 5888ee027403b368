import type { Role } from '../../model/index.ts';
import type { ActivationCodeRecord } from './port.ts';

/** An activation code as both adapters store it (AUTH-10…AUTH-14): the code's hash, never the code. */
export interface CodeDbRow {
  id: string;
  code_hash: string;
  user_id: string | null;
  role: Role;
  name: string;
  link_class_id: string | null;
  link_student_id: string | null;
  issued_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

export const toCode = (r: CodeDbRow): ActivationCodeRecord => ({
  id: r.id,
  codeHash: r.code_hash,
  userId: r.user_id,
  role: r.role,
  name: r.name,
  studentLink: r.link_class_id && r.link_student_id ? { classId: r.link_class_id, studentId: r.link_student_id } : null,
  issuedBy: r.issued_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
});
