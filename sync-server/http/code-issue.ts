import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Role } from '../../model/index.ts';
import { CODE_TTL_MS, generateActivationCode, hashActivationCode, normalizeActivationCode } from '../auth/activation-codes.ts';
import type { ActivationCodeRecord, Storage, StudentLink } from '../storage/port.ts';

export const newId = (prefix: string) => `${prefix}-${encodeBase32LowerCaseNoPadding(randomBytes(10))}`;

/** Issues a code: stores its hash and returns the code itself, which is shown this once only. */
export async function issueCode(
  storage: Storage,
  spec: { userId: string | null; role: Role; name: string; studentLink: StudentLink | null; issuedBy: string },
  now: number,
): Promise<{ code: string; record: ActivationCodeRecord }> {
  const code = generateActivationCode();
  const record: ActivationCodeRecord = {
    id: newId('c'),
    codeHash: hashActivationCode(normalizeActivationCode(code)!),
    ...spec,
    createdAt: now,
    expiresAt: now + CODE_TTL_MS,
    usedAt: null,
    usedBy: null,
  };
  await storage.createActivationCode(record);
  return { code, record };
}

/**
 * The name of the account a family code creates: the student's own with «(ученик)», the
 * parent's as the class teacher typed it or «Родитель: <ученик>» (one student may have several
 * parents, and the name tells the class teacher whose code it was).
 */
export function familyCodeName(role: 'parent' | 'student', studentName: string, parentName?: string): string {
  if (role === 'student') return `${studentName} (ученик)`;
  return parentName?.trim() || `Родитель: ${studentName}`;
}

/** A code as listed to the people who issue them: its state, never its hash. */
export function publicCode(r: ActivationCodeRecord, now: number) {
  const state = r.usedAt !== null ? 'used' : now >= r.expiresAt ? 'expired' : 'active';
  return {
    id: r.id,
    userId: r.userId,
    role: r.role,
    name: r.name,
    studentLink: r.studentLink,
    issuedBy: r.issuedBy,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    usedAt: r.usedAt,
    usedBy: r.usedBy,
    state,
  };
}
