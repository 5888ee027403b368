import * as Y from 'yjs';
import { boardDocName, putPost, SCHOOL_BOARD, type BoardPost } from '../../model/index.ts';
import { userId } from '../demo/demo-staff.ts';
import type { Storage } from '../storage/port.ts';

const DAY = 86_400_000;

/**
 * ANN-10: the demo school's boards show the feature to a new user: a pinned announcement of the
 * deputy on the school's board and one of the class teacher on 5Б's, with comments open.
 */
export async function seedDemoBoards(storage: Storage, opts: { yearId: string; now: number }): Promise<void> {
  const boards: Array<[string, BoardPost]> = [
    [
      SCHOOL_BOARD,
      {
        id: 'demo-quarter',
        title: 'Окончание четверти',
        text: 'Уважаемые родители и обучающиеся! Итоговые отметки за четверть выставляются не позднее чем за два дня до её окончания. Проверьте дневник и подтвердите ознакомление с итоговыми отметками.',
        authorId: userId('deputy'),
        authorName: 'Морозова Ирина Владимировна',
        authorTitle: 'Заместитель директора',
        at: opts.now - 2 * DAY,
        pinned: true,
        comments: null,
        readCount: 0,
      },
    ],
    [
      '5b',
      {
        id: 'demo-meeting',
        title: 'Родительское собрание',
        text: 'Собрание родителей 5Б — в четверг в 18:00, кабинет 21. Повестка: итоги четверти, экскурсия в музей.',
        authorId: userId('classteacher'),
        authorName: 'Лебедева Елена Николаевна',
        authorTitle: 'Классный руководитель 5Б',
        at: opts.now - DAY,
        pinned: true,
        comments: true,
        readCount: 0,
      },
    ],
  ];
  for (const [scope, post] of boards) {
    const doc = new Y.Doc();
    putPost(doc, post);
    const update = Y.encodeStateAsUpdate(doc);
    await storage.appendUpdates(boardDocName(scope, opts.yearId), [
      { update, userId: 'system', sessionId: 'system', clientTime: null, serverTime: opts.now },
    ]);
  }
}
