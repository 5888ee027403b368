/**
 * Branded ids: a StudentId never goes where a LessonId belongs.
 * Ids are short strings without ':' and '.' because they are joined into path keys.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type SchoolId = Brand<string, 'SchoolId'>;
export type YearId = Brand<string, 'YearId'>;
export type ClassId = Brand<string, 'ClassId'>;
export type StudentId = Brand<string, 'StudentId'>;
export type UserId = Brand<string, 'UserId'>;
export type SubjectId = Brand<string, 'SubjectId'>;
export type GroupId = Brand<string, 'GroupId'>;
export type PeriodId = Brand<string, 'PeriodId'>;
export type LessonId = Brand<string, 'LessonId'>;
export type KtpItemId = Brand<string, 'KtpItemId'>;
export type WorkTypeId = Brand<string, 'WorkTypeId'>;
export type SubstitutionId = Brand<string, 'SubstitutionId'>;
/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = Brand<string, 'IsoDate'>;

/** The group that means "the whole class" (no split). */
export const WHOLE_CLASS = 'all' as GroupId;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** True when `s` can be used as an id inside a path key (ID-1). */
export function isValidId(s: unknown): s is string {
  return typeof s === 'string' && ID_PATTERN.test(s);
}

/** Casts a validated string to a branded id; throws on characters that would break path keys. */
export function asId<T extends Brand<string, string>>(s: string): T {
  if (!isValidId(s)) throw new Error(`invalid id: ${JSON.stringify(s)}`);
  return s as T;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ID-2: true for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Casts to IsoDate or throws. */
export function asDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new Error(`invalid date: ${JSON.stringify(s)}`);
  return s;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * ID-3: a random id for things that are new by nature (students, remarks); never a counter,
 * so two offline replicas never mint the same id. `random` is injectable for seeded tests.
 */
export function randomId(length = 8, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}
