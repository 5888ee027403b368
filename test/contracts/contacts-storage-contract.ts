import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudentPersonal } from '../../model/index.ts';
import type { Storage } from '../../sync-server/storage/port.ts';

const ivanov: StudentPersonal = {
  classId: '5b',
  studentId: 'abc123',
  birthDate: '2015-03-14',
  parents: [
    { name: 'Иванова Мария Петровна', phone: '+7 912 345-67-89', email: 'ivanova@example.ru' },
    { name: 'Иванов Сергей Олегович', phone: '', email: '' },
  ],
};
const petrova: StudentPersonal = { classId: '10a', studentId: 'xyz789', birthDate: null, parents: [] };

/**
 * The personal-data half of the storage port's contract (IMP-16): students' birth dates and
 * parents' contacts, held by the server only. `openBackup` opens a file `backupTo` wrote.
 */
export function contactsStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  openBackup: (file: string) => Promise<Storage>,
  cleanup: () => Promise<void> = async () => {},
) {
  describe(`storage contract, personal data: ${adapterName}`, () => {
    let storage: Storage;
    let dir = '';
    beforeEach(async () => {
      storage = await open();
      dir = mkdtempSync(join(tmpdir(), 'journal-contract-contacts-'));
    });
    afterEach(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
      await cleanup();
    });

    it('IMP-16: records come back as written, of all classes or of one, by class and student', async () => {
      expect(await storage.listStudentPersonal({})).toEqual([]);
      await storage.putStudentPersonal([ivanov, petrova]);
      expect(await storage.listStudentPersonal({})).toEqual([petrova, ivanov]);
      expect(await storage.listStudentPersonal({ classId: '5b' })).toEqual([ivanov]);
      expect(await storage.listStudentPersonal({ classId: '7g' })).toEqual([]);
    });

    it('IMP-16: a record replaces the stored one of its class and student whole; others stay', async () => {
      await storage.putStudentPersonal([ivanov, petrova]);
      const changed = { ...ivanov, parents: [{ name: 'Иванова Мария Петровна', phone: '+7 900 000-00-00', email: '' }] };
      await storage.putStudentPersonal([changed]);
      expect(await storage.listStudentPersonal({ classId: '5b' })).toEqual([changed]);
      expect(await storage.listStudentPersonal({ classId: '10a' })).toEqual([petrova]);
      // The same student id in another class is another record (a class's roster is its journal's).
      await storage.putStudentPersonal([{ ...petrova, classId: '5b' }]);
      expect((await storage.listStudentPersonal({})).length).toBe(3);
    });

    it('IMP-16: a batch is written whole or not at all', async () => {
      const broken = { ...petrova, studentId: null } as unknown as StudentPersonal;
      await expect(storage.putStudentPersonal([ivanov, broken])).rejects.toThrow();
      expect(await storage.listStudentPersonal({})).toEqual([]);
    });

    it('IMP-16: the records are in the online backup, and in no document', async () => {
      await storage.putStudentPersonal([ivanov]);
      await storage.backupTo(join(dir, 'copy'));
      const copy = await openBackup(join(dir, 'copy'));
      try {
        expect(await copy.listStudentPersonal({})).toEqual([ivanov]);
        expect(await copy.listDocuments()).toEqual([]);
      } finally {
        await copy.close();
      }
    });
  });
}
