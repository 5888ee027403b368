import type { StoredNotification } from '../storage/family-notices-port.ts';

const HEADINGS: ReadonlyArray<[StoredNotification['kind'], string]> = [
  ['announcement', 'Объявления'],
  ['message', 'Сообщения'],
  ['mark', 'Отметки'],
  ['final', 'Итоговые отметки'],
];

/** «09.12, 14:05» on the school's clock (Moscow by default). */
function shortTime(at: number, utcOffsetMinutes: number): string {
  const d = new Date(at + utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * NOTIF-4: one digest e-mail: what happened since the last one, grouped by kind, each line with
 * its time, then where to read it and how to stop the e-mails. Built only from the account's own
 * notifications (NOTIF-6).
 */
export function digestText(opts: {
  schoolName: string;
  items: readonly StoredNotification[];
  appUrl: string | null;
  utcOffsetMinutes: number;
}): { subject: string; text: string } {
  const lines: string[] = [`Здравствуйте!`, '', `Новое в электронном дневнике (${opts.schoolName}):`];
  for (const [kind, heading] of HEADINGS) {
    const items = opts.items.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    lines.push('', `${heading}:`);
    for (const i of items) lines.push(`  ${shortTime(i.at, opts.utcOffsetMinutes)}  ${i.title}: ${i.text}`);
  }
  lines.push(
    '',
    opts.appUrl ? `Подробнее — в электронном дневнике: ${opts.appUrl}` : 'Подробнее — в электронном дневнике школы.',
    '',
    'Вы получаете это письмо, потому что дали согласие на уведомления по электронной почте.',
    'Отозвать его можно в дневнике: «Профиль» → «Согласия»; письма прекратятся сразу.',
  );
  const n = opts.items.length;
  return { subject: `Электронный дневник: ${n} ${plural(n)}`, text: lines.join('\n') };
}

function plural(n: number): string {
  const [m10, m100] = [n % 10, n % 100];
  if (m10 === 1 && m100 !== 11) return 'новое событие';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'новых события';
  return 'новых событий';
}
