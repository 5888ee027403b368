import type { ConsentEvent } from '../../model/index.ts';

/**
 * The storage port's records of talking with families (issue 19): who read each announcement
 * (ANN-6), the consent register (CONS-1…CONS-3), the in-app notifications and what the e-mail
 * digest has sent (NOTIF-*); `port.ts` re-exports it. Kept by the server only, never in a
 * document: the readers of an announcement are the author's to see, consents are personal data.
 */

/** An account opened an announcement, first at `at`. */
export interface AnnouncementRead {
  postId: string;
  userId: string;
  at: number;
}

export type NotificationKind = 'announcement' | 'mark' | 'final' | 'note' | 'message';

/**
 * One notification to one account. `studentId`: the child it is about (marks, finals), null for
 * what concerns no child (an announcement, a message): NOTIF-6 checks it against the account's
 * own children before anything is sent.
 */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  studentId: string | null;
  title: string;
  text: string;
  /** The app's address it opens (`#/boards/5b`, `#/diary/ab12cd`). */
  href: string;
  at: number;
}

export interface StoredNotification extends NotificationRow {
  seenAt: number | null;
}

export interface AnnouncementReadStore {
  /** Idempotent per (postId, userId): the first time is kept. Resolves true when it is new. */
  recordAnnouncementRead(r: AnnouncementRead): Promise<boolean>;
  announcementReads(postId: string): Promise<AnnouncementRead[]>;
}

export interface ConsentStore {
  /** CONS-3: appends one entry; nothing is ever updated or deleted. */
  appendConsent(e: ConsentEvent): Promise<void>;
  /** The register of the given accounts (all without a filter), oldest first. */
  consentEvents(filter: { userIds?: readonly string[] }): Promise<ConsentEvent[]>;
}

export interface NotificationStore {
  addNotifications(rows: readonly NotificationRow[]): Promise<void>;
  /** Newest first, at most `limit`. */
  notificationsOf(userId: string, limit: number): Promise<StoredNotification[]>;
  unseenNotificationCount(userId: string): Promise<number>;
  markNotificationsSeen(userId: string, at: number): Promise<void>;
  /** Accounts with notifications made after their last digest (candidates for the next one). */
  digestCandidates(): Promise<Array<{ userId: string; lastDigestAt: number | null }>>;
  /** The account's notifications made after `since` and not yet e-mailed, oldest first. */
  undigested(userId: string, since: number): Promise<StoredNotification[]>;
  /**
   * NOTIF-5: what is waiting for an account that may not be e-mailed (no consent, no address) is
   * never e-mailed later: it stays in the app only.
   */
  discardUndigested(userId: string, at: number): Promise<void>;
  /** Records a digest sent at `at` holding the given notifications. */
  recordDigest(userId: string, at: number, notificationIds: readonly string[]): Promise<void>;
  /** NOTIF-4: a school setting (`digestMinutes`); null when never set. */
  notificationSetting(key: string): Promise<string | null>;
  putNotificationSetting(key: string, value: string): Promise<void>;
}

export interface FamilyNoticesStore extends AnnouncementReadStore, ConsentStore, NotificationStore {}
