import { plural } from '../../i18n/format.ts';
import { formatMinute } from './describe-history.ts';
import type { LateEntry } from './history-api.ts';

const RULE_TEXT: Readonly<Record<LateEntry['deadline']['rule'], string>> = {
  'lesson-day': 'в день урока',
  'written-work': 'срок проверки письменной работы',
  'period-end': 'до конца периода',
};

const CLOCK_TEXT: Readonly<Record<LateEntry['timeliness']['judgedBy'], string>> = {
  client: 'по часам устройства, сверенным с сервером',
  server: 'по часам сервера: часы устройства не были сверены',
};

/** «1 д 13 ч», «2 ч 5 мин», «7 мин»: how late, as the deputy reads it. */
export function formatDelay(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0)
    return hours > 0 ? `${days} ${plural(days, ['день', 'дня', 'дней'])} ${hours} ч` : `${days} ${plural(days, ['день', 'дня', 'дней'])}`;
  if (hours > 0) return mins > 0 ? `${hours} ч ${mins} мин` : `${hours} ч`;
  return `${mins} мин`;
}

/** TIME-5 in words: the deadline and its rule, when the entry was made and by which clock, how late. */
export function describeLate(e: LateEntry): string {
  return (
    `Срок — ${formatMinute(e.deadline.at)} (${RULE_TEXT[e.deadline.rule]}); ` +
    `внесено ${formatMinute(e.timeliness.madeAt)} ${CLOCK_TEXT[e.timeliness.judgedBy]}; ` +
    `опоздание ${formatDelay(e.timeliness.lateByMs)}.`
  );
}
