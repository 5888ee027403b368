import type * as Y from 'yjs';
import { consentState, emailAllowedSince, readDeadlines, readSchoolMeta } from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { Storage } from '../storage/port.ts';
import { readDigestMinutes } from './digest-settings.ts';
import { digestText } from './digest-text.ts';
import type { Mailer } from './mailer.ts';
import { parentEmail } from './parent-email.ts';

export interface DigestDeps {
  storage: Storage;
  notices: FamilyNoticesStore;
  /** Null without `SMTP_URL`: nothing is e-mailed and nothing waits to be (NOTIF-8). */
  mailer: Mailer | null;
  schoolDoc(): Promise<Y.Doc>;
  now(): number;
  /** How often due digests are looked for; 0 = only when `runDue` is called (tests). */
  pollMs: number;
  /** The app's address, named in every digest (`PUBLIC_URL`); null: not named. */
  appUrl: string | null;
  onError(e: unknown): void;
}

/**
 * NOTIF-4, NOTIF-5, CONS-6: the e-mail digests. On each run, for every account with
 * notifications not yet e-mailed: a parent with both consents standing (CONS-5) and an address
 * the family gave (NOTIF-7) gets one e-mail of what was made since the later consent, at most
 * once every `digestMinutes` (the school's setting); anyone else's waiting notifications are
 * discarded for e-mail (they stay in the app), so a withdrawal stops the very next digest and a
 * later consent never brings back what was made before it. Consent is read at send time, never
 * cached. The clock and the interval are injected, so tests move time instead of sleeping.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly deps: DigestDeps) {}

  start(): void {
    if (this.deps.pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runDue().catch((e) => this.deps.onError(e)), this.deps.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running.catch(() => 0);
  }

  /** Sends every digest due now; resolves with how many were sent. Runs never overlap. */
  runDue(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.run());
    return this.running;
  }

  private async run(): Promise<number> {
    const { storage, notices, mailer } = this.deps;
    const candidates = await notices.digestCandidates();
    if (candidates.length === 0) return 0;
    const now = this.deps.now();
    const school = await this.deps.schoolDoc();
    const utcOffsetMinutes = readDeadlines(school).utcOffsetMinutes;
    const schoolName = readSchoolMeta(school)?.schoolName ?? 'школа';
    const minutes = await readDigestMinutes(notices);
    let sent = 0;
    for (const { userId, lastDigestAt } of candidates) {
      const user = await storage.findUserById(userId);
      const since = user && !user.disabled ? emailAllowedSince(consentState(await notices.consentEvents({ userIds: [userId] }))) : null;
      const address = since !== null && mailer && user ? await parentEmail(storage, user) : null;
      if (since === null || !address || !mailer || !user) {
        await notices.discardUndigested(userId, now);
        continue;
      }
      if (lastDigestAt !== null && now - lastDigestAt < minutes * 60_000) continue;
      // NOTIF-6: only what concerns no child or one of this account's children, today.
      const own = new Set(studentLinksOf(user).map((l) => l.studentId));
      const items = (await notices.undigested(userId, since)).filter((i) => i.studentId === null || own.has(i.studentId));
      if (items.length === 0) {
        await notices.discardUndigested(userId, now);
        continue;
      }
      const { subject, text } = digestText({ schoolName, items, appUrl: this.deps.appUrl, utcOffsetMinutes });
      await mailer.send({ to: address, subject, text });
      await notices.recordDigest(
        userId,
        now,
        items.map((i) => i.id),
      );
      // What was left out (made before the consent, another child's since unlinked) is never sent.
      await notices.discardUndigested(userId, now);
      sent++;
    }
    return sent;
  }
}
