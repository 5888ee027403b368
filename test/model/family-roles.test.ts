import { describe, expect, it } from 'vitest';
import { assignTeacher, classes, journalAccess, ROLE_NAMES, schoolAccess, type Actor } from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, grp, newSchool, uid } from './fixtures.ts';

describe('parents and students', () => {
  it('ACC-6: a parent or a student receives no journal and no school-year document', () => {
    const doc = newSchool();
    // Even an id that happens to be a teacher's or class teacher's gives a family role nothing.
    assignTeacher(doc, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('p1') });
    classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('p1') });
    for (const role of ['parent', 'student'] as const) {
      const actor: Actor = { userId: uid('p1'), roles: [role] };
      expect(journalAccess(doc, actor, CLASS_7A)).toBeNull();
      expect(schoolAccess(actor)).toBeNull();
      expect(ROLE_NAMES[role]).toMatch(/^[а-яё]+$/);
    }
  });
});
