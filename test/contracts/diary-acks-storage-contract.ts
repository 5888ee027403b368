import { afterEach, describe, expect, it } from 'vitest';
import type { DiaryAck, Storage } from '../../sync-server/storage/port.ts';

const read = (userId: string, studentId: string, item: string, at: number): DiaryAck => ({ userId, studentId, kind: 'week', item, at });

/**
 * The diary's reading half of the storage port's contract (DIARY-20, DIARY-27): what families read
 * and confirmed, kept at its first time and across a reopening; notices newest first.
 * `reopen` closes the given store and opens the same data again.
 */
export function diaryAcksStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  reopen: (storage: Storage) => Promise<Storage>,
  cleanup: () => Promise<void> = async () => {},
) {
  describe(`storage contract, diary acks: ${adapterName}`, () => {
    let storage: Storage;
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('DIARY-20: an ack is kept once per account, student, kind and item, at its first time', async () => {
      storage = await open();
      expect(await storage.diaryAcks({ studentIds: ['s1'] })).toEqual([]);
      await storage.recordDiaryAck(read('u1', 's1', '2026-12-07', 100));
      await storage.recordDiaryAck(read('u1', 's1', '2026-12-07', 500));
      await Promise.all([1, 2, 3].map((n) => storage.recordDiaryAck(read('u1', 's1', '2026-12-07', 600 + n))));
      // The same item of another kind, account or student is another ack.
      await storage.recordDiaryAck({ ...read('u1', 's1', '2026-12-07', 200), kind: 'finals' });
      await storage.recordDiaryAck(read('u2', 's1', '2026-12-07', 300));
      await storage.recordDiaryAck(read('u1', 's2', '2026-12-07', 400));
      expect(await storage.diaryAcks({ studentIds: ['s1'] })).toEqual([
        read('u1', 's1', '2026-12-07', 100),
        { ...read('u1', 's1', '2026-12-07', 200), kind: 'finals' },
        read('u2', 's1', '2026-12-07', 300),
      ]);
      expect((await storage.diaryAcks({ studentIds: ['s2', 's1', 's9'] })).length).toBe(4);
      expect(await storage.diaryAcks({ studentIds: [] })).toEqual([]);
    });

    it('DIARY-20: acks of a whole school are read in one call, and survive a reopening', async () => {
      storage = await open();
      const ids = Array.from({ length: 600 }, (_, i) => `s${i}`);
      for (const [i, id] of ids.entries())
        await storage.recordDiaryAck({ userId: 'u', studentId: id, kind: 'mark', item: `x:${i}`, at: i });
      storage = await reopen(storage);
      const all = await storage.diaryAcks({ studentIds: ids });
      expect(all.length).toBe(600);
      expect(all[599]).toEqual({ userId: 'u', studentId: 's599', kind: 'mark', item: 'x:599', at: 599 });
    });

    it('DIARY-27: notices come newest first, at most the limit (20 by default); an id the student has is ignored', async () => {
      storage = await open();
      for (let i = 0; i < 25; i++) {
        await storage.addDiaryNotice({ id: `n${i}`, studentId: 's1', text: `текст ${i}`, from: 'Классный руководитель', at: 1000 + i });
      }
      await storage.addDiaryNotice({ id: 'n3', studentId: 's1', text: 'другой текст', from: 'кто-то', at: 9999 });
      await storage.addDiaryNotice({ id: 'n3', studentId: 's2', text: 'другому ученику', from: 'Учитель', at: 5 });
      const newest = await storage.diaryNotices('s1');
      expect(newest.length).toBe(20);
      expect(newest[0]).toEqual({ id: 'n24', studentId: 's1', text: 'текст 24', from: 'Классный руководитель', at: 1024 });
      expect((await storage.diaryNotices('s1', 30)).find((n) => n.id === 'n3')?.text).toBe('текст 3');
      expect((await storage.diaryNotices('s1', 2)).map((n) => n.id)).toEqual(['n24', 'n23']);
      storage = await reopen(storage);
      expect(await storage.diaryNotices('s2')).toEqual([{ id: 'n3', studentId: 's2', text: 'другому ученику', from: 'Учитель', at: 5 }]);
      expect(await storage.diaryNotices('s9')).toEqual([]);
    });
  });
}
