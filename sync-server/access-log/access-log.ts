import type { Context } from 'hono';
import type { AccessLogKind } from '../../model/index.ts';
import { parseDocName } from '../../model/index.ts';
import { SESSION_ABSOLUTE_MS } from '../auth/sessions.ts';
import type { ClientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/session-middleware.ts';
import type { SessionRecord, Storage } from '../storage/port.ts';

const DAY = 24 * 60 * 60 * 1000;
/** The regulations keep journals for 5 years; the log of who looked at them as long (LOG-7). */
export const ACCESS_LOG_KEEP_DAYS = 1826;

/** Who an entry is about: a signed-in user, or the login a failed sign-in tried. */
export interface AccessActor {
  userId: string | null;
  login: string;
}

export interface AccessLogOptions {
  now: () => number;
  /** `ACCESS_LOG_KEEP_DAYS`: entries older than this are removed, at most once a day. */
  keepDays: number;
  clientAddress: ClientAddress;
  onError: (e: unknown) => void;
}

/** Bounds per field: a user agent or a file name of any length costs the log at most this. */
const MAX = { login: 100, object: 500, address: 100, userAgent: 300 };

/** The kind of entry an opened document makes, by its name's first part. */
function documentOpenKind(docName: string): AccessLogKind {
  if (parseDocName(docName)?.kind === 'journal') return 'journal-open';
  const first = docName.slice(0, docName.indexOf('/'));
  if (first === 'diary') return 'diary-open';
  if (first === 'conv') return 'conversation-open';
  if (first === 'board') return 'board-open';
  return 'school-year-open';
}
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * The access log's writer (LOG-1…LOG-7). It takes who from the request's session, where from
 * the request (the client address of AUTH-23 and the user agent), when from the server's clock,
 * and never anything else of the request: no body, no cookie, no header but the user agent —
 * so a password, a code or a session token cannot reach it (LOG-2).
 *
 * Writing an entry never fails the action it records: a journal stays usable while the log's
 * write fails, and the failure goes to `onError` like any other storage error.
 */
export class AccessLog {
  private lastPrune = -Infinity;

  constructor(
    private readonly storage: Storage,
    private readonly opts: AccessLogOptions,
  ) {}

  /** An entry for this request; `who` is the session's user unless given (a sign-in). */
  async record(c: Context, kind: AccessLogKind, object: string, who?: AccessActor): Promise<void> {
    const user = (c as Context<AppEnv>).get('auth')?.user;
    const actor = who ?? (user ? { userId: user.id, login: user.login } : null);
    if (!actor) return;
    await this.write(kind, object, actor, { address: this.opts.clientAddress(c), userAgent: c.req.header('user-agent') ?? '' });
  }

  /** LOG-1: a sync socket accepted — a class journal, the school year, a diary, a conversation or a board opened. */
  recordDocumentOpen(c: Context, docName: string): Promise<void> {
    return this.record(c, documentOpenKind(docName), docName);
  }

  /**
   * LOG-1: a session found past its end, on a request (`c`) or by the sockets' sweep (none:
   * no address). Sessions nobody presents again are deleted in bulk without an entry.
   */
  readonly sessionExpired = async (session: SessionRecord, c?: Context): Promise<void> => {
    try {
      const user = await this.storage.findUserById(session.userId);
      const why = this.opts.now() >= session.createdAt + SESSION_ABSOLUTE_MS ? '30 дней с входа' : '7 дней без работы';
      const where = c
        ? { address: this.opts.clientAddress(c), userAgent: c.req.header('user-agent') ?? '' }
        : { address: '', userAgent: '' };
      await this.write('session-expired', why, { userId: session.userId, login: user?.login ?? '' }, where);
    } catch (e) {
      this.opts.onError(e);
    }
  };

  private async write(kind: AccessLogKind, object: string, who: AccessActor, where: { address: string; userAgent: string }) {
    const at = this.opts.now();
    try {
      await this.storage.appendAccessLog({
        at,
        kind,
        userId: who.userId,
        login: cut(who.login, MAX.login),
        object: cut(object, MAX.object),
        address: cut(where.address, MAX.address),
        userAgent: cut(where.userAgent, MAX.userAgent),
      });
      // LOG-7: the retention rides on the writes, at most once a day.
      if (at - this.lastPrune >= DAY) {
        this.lastPrune = at;
        await this.storage.deleteAccessLogBefore(at - this.opts.keepDays * DAY);
      }
    } catch (e) {
      this.opts.onError(e);
    }
  }
}
