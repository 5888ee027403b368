import type * as Y from 'yjs';
import {
  applyClassesPlan,
  applyKtpPlan,
  applyLoadPlan,
  applyStaffToSchool,
  applyStudentsToJournal,
  applyTimetablePlan,
  CloseCode,
  IMPORT_TITLES,
  planClassesImport,
  planKtpImport,
  planLoadImport,
  planStaffImport,
  planStudentsImport,
  planTimetableImport,
  type ClassesPlan,
  type ClassId,
  type ImportKind,
  type ImportOutcome,
  type KtpPlan,
  type LoadPlan,
  type Role,
  type StaffPlan,
  type Student,
  type StudentsPlan,
  type TimetablePlan,
} from '../../model/index.ts';
import { loginProblem } from '../auth/credentials.ts';
import { newId } from '../http/code-issue.ts';
import { ServerAction } from '../ws/room.ts';
import { journalRoom, loadPersonal, loadRosters, settle, type ImportDeps } from './import-deps.ts';

type AnyPlan = StaffPlan | ClassesPlan | StudentsPlan | LoadPlan | TimetablePlan | KtpPlan;

/** Who imports: the person the writes are attributed to (IMP-7). */
export interface Importer {
  userId: string;
  sessionId: string;
  roles: readonly Role[];
}

/** Validates the rows of one kind against the current school year, rosters and accounts. */
export async function planImport(
  deps: ImportDeps,
  kind: ImportKind,
  rows: string[][],
  importer: Importer,
): Promise<ImportOutcome<AnyPlan>> {
  const school = await deps.directory.schoolDoc();
  switch (kind) {
    case 'staff':
      return planStaffImport(rows, school, {
        accounts: await deps.storage.listUsers(),
        importer: { id: importer.userId, roles: importer.roles },
        loginProblem,
        newUserId: () => newId('u'),
      });
    case 'classes':
      return planClassesImport(rows, school);
    case 'students':
      return planStudentsImport(rows, school, { rosters: await loadRosters(deps, school), personal: await loadPersonal(deps) });
    case 'load':
      return planLoadImport(rows, school);
    case 'timetable':
      return planTimetableImport(rows, school);
    case 'ktp':
      return planKtpImport(rows, school);
  }
}

/**
 * IMP-7: applies a plan without errors: one transaction per document, attributed to the
 * importer with the note «импорт «Вид»: файл», each committed before the answer; accounts
 * (staff) and personal data (students) are written to the store before the documents.
 */
export async function applyImport(deps: ImportDeps, kind: ImportKind, plan: AnyPlan, importer: Importer, fileName: string): Promise<void> {
  const action = new ServerAction(importer.userId, importer.sessionId, `импорт «${IMPORT_TITLES[kind]}»: ${fileName}`);
  const schoolRoom = await deps.registry.open(deps.directory.schoolDocName);
  const onSchool = async (fn: (school: Y.Doc) => void) => {
    schoolRoom.act(action, () => fn(schoolRoom.doc));
    await settle(schoolRoom);
  };
  switch (kind) {
    case 'staff': {
      const p = plan as StaffPlan;
      for (const e of p.entries) {
        if (e.isNew) {
          await deps.storage.createUser({ id: e.userId, login: e.login, name: e.name, roles: e.roles, passwordHash: '', disabled: false });
        } else if (e.nameChanged || e.rolesChanged) {
          await deps.storage.updateUser(e.userId, { name: e.name, roles: e.roles });
          // The rights behind the open documents changed: the client stops and re-reads /api/me.
          if (e.rolesChanged) deps.revocation.closeUser(e.userId, CloseCode.forbidden, 'roles changed');
        }
      }
      return onSchool((school) => applyStaffToSchool(school, p));
    }
    case 'classes': {
      const p = plan as ClassesPlan;
      await onSchool((school) => applyClassesPlan(school, p));
      // A new class's journal is created now (with its meta), so that it is listed and exported.
      for (const c of p.classes.filter((x) => x.isNew)) await settle(await journalRoom(deps, c.id));
      return;
    }
    case 'students': {
      const p = plan as StudentsPlan;
      if (p.personal.length > 0) await deps.storage.putStudentPersonal(p.personal);
      const byClass = new Map<ClassId, Student[]>();
      for (const s of p.students) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s.student]);
      for (const [classId, students] of byClass) {
        const room = await journalRoom(deps, classId);
        room.act(action, () => applyStudentsToJournal(room.doc, students));
        await settle(room);
      }
      return;
    }
    case 'load':
      return onSchool((school) => applyLoadPlan(school, plan as LoadPlan));
    case 'timetable':
      return onSchool((school) => applyTimetablePlan(school, plan as TimetablePlan));
    case 'ktp':
      return onSchool((school) => applyKtpPlan(school, plan as KtpPlan));
  }
}
