/**
 * CONS-1: a family's consents under 152-ФЗ. `personal-data`: to the processing of personal data
 * (the electronic diary itself); `email`: to notifications by e-mail. Each is given or withdrawn
 * by the parent in their profile; every change is one entry of an append-only register with its
 * time, and the state is the latest entry of each kind.
 */
export const CONSENT_KINDS = ['personal-data', 'email'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const CONSENT_TITLES: Readonly<Record<ConsentKind, string>> = {
  'personal-data': 'Согласие на обработку персональных данных (152-ФЗ)',
  email: 'Согласие на уведомления по электронной почте',
};

/** One entry of the register: the account gave (`given`) or withdrew a consent at `at` (server clock). */
export interface ConsentEvent {
  userId: string;
  kind: ConsentKind;
  given: boolean;
  at: number;
}

/** Where a consent stands: never asked (null), given or refused/withdrawn since `at`. */
export type ConsentState = Readonly<Record<ConsentKind, { given: boolean; at: number } | null>>;

export function isConsentKind(v: unknown): v is ConsentKind {
  return typeof v === 'string' && (CONSENT_KINDS as readonly string[]).includes(v);
}

/** CONS-2: the state of each kind is its latest entry (the register is in time order). */
export function consentState(events: readonly ConsentEvent[]): ConsentState {
  const out: Record<ConsentKind, { given: boolean; at: number } | null> = { 'personal-data': null, email: null };
  for (const e of [...events].sort((a, b) => a.at - b.at)) out[e.kind] = { given: e.given, at: e.at };
  return out;
}

/**
 * CONS-5: e-mail goes to a parent only while both consents stand — a digest carries the child's
 * marks, which is processing personal data — and only items made since the later of the two was
 * given. Null: no e-mail.
 */
export function emailAllowedSince(state: ConsentState): number | null {
  const pd = state['personal-data'];
  const mail = state.email;
  if (!pd?.given || !mail?.given) return null;
  return Math.max(pd.at, mail.at);
}

/**
 * CONS-4: a family is sent the printed extract (REP-15) when it refused or withdrew the consent
 * to the processing of personal data.
 */
export function needsPrintedExtract(state: ConsentState): boolean {
  return state['personal-data']?.given === false;
}
