import type { FamilyNoticesStore as Storage } from '../storage/family-notices-port.ts';

/** NOTIF-4: the school's least interval between two digests to one parent, in minutes. */
export const DEFAULT_DIGEST_MINUTES = 60;
export const DIGEST_MINUTES_RANGE = { min: 5, max: 7 * 24 * 60 } as const;
const KEY = 'digestMinutes';

export async function readDigestMinutes(storage: Pick<Storage, 'notificationSetting'>): Promise<number> {
  const raw = await storage.notificationSetting(KEY);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= DIGEST_MINUTES_RANGE.min && n <= DIGEST_MINUTES_RANGE.max ? n : DEFAULT_DIGEST_MINUTES;
}

/** A whole number of minutes within the range, or the Russian problem. */
export function digestMinutesProblem(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < DIGEST_MINUTES_RANGE.min || v > DIGEST_MINUTES_RANGE.max) {
    return `Интервал писем — целое число минут от ${DIGEST_MINUTES_RANGE.min} до ${DIGEST_MINUTES_RANGE.max}`;
  }
  return null;
}

export async function writeDigestMinutes(storage: Pick<Storage, 'putNotificationSetting'>, minutes: number): Promise<void> {
  await storage.putNotificationSetting(KEY, String(minutes));
}
