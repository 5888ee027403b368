import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import { consentState, isConsentKind, isValidId, type ConsentEvent } from '../../model/index.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { Storage } from '../storage/port.ts';
import { maskEmail, parentEmail } from '../notifications/parent-email.ts';
import { classConsents } from './class-consents.ts';
import { readBody } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface ConsentDeps {
  storage: Storage;
  notices: FamilyNoticesStore;
  schoolDoc(): Promise<Y.Doc>;
  yearId: string;
  journal(name: string): Promise<Y.Doc | null>;
  now(): number;
  /** NOTIF-8: whether e-mail is configured at all (`SMTP_URL`). */
  emailOn: boolean;
  /** CONS-6: a consent changed; the digests read the register at send time anyway. */
  onChange?(userId: string): void;
}

/**
 * Consent under 152-ФЗ (CONS-1…CONS-7): a parent gives, sees and withdraws their consents in
 * «Профиль»; every change is appended to the register with the server's time. The school sees
 * its classes' families' consents (`class-consents.ts`).
 */
export function consentRoutes(deps: ConsentDeps) {
  const app = new Hono<AppEnv>();

  const ownView = async (userId: string, register: ConsentEvent[], email: string | null) => ({
    state: consentState(register),
    register: register.map((e) => ({ kind: e.kind, given: e.given, at: e.at })),
    email: email ? maskEmail(email) : null,
    emailOn: deps.emailOn,
    userId,
  });

  /** CONS-1: consents are a parent's (законный представитель) to give; anyone else 403. */
  const parentOnly = (auth: Parameters<typeof requireAuth>[0]) => {
    const session = requireAuth(auth);
    if (!session.user.roles.includes('parent'))
      throw new HTTPException(403, { message: 'Согласия дают родители (законные представители)' });
    return session.user;
  };

  app.get('/consent', async (c) => {
    const user = parentOnly(c.get('auth'));
    const register = await deps.notices.consentEvents({ userIds: [user.id] });
    return c.json(await ownView(user.id, register, await parentEmail(deps.storage, user)));
  });

  app.post('/consent', async (c) => {
    const user = parentOnly(c.get('auth'));
    const body = await readBody(c);
    if (!isConsentKind(body.kind) || typeof body.given !== 'boolean') throw new HTTPException(400, { message: 'Некорректный запрос' });
    const before = consentState(await deps.notices.consentEvents({ userIds: [user.id] }));
    // CONS-3: a repeat of what stands is no change and adds no entry.
    if (before[body.kind]?.given !== body.given) {
      await deps.notices.appendConsent({ userId: user.id, kind: body.kind, given: body.given, at: deps.now() });
      deps.onChange?.(user.id);
    }
    const register = await deps.notices.consentEvents({ userIds: [user.id] });
    return c.json(await ownView(user.id, register, await parentEmail(deps.storage, user)));
  });

  app.get('/classes/:classId/consents', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const classId = c.req.param('classId');
    const school = await deps.schoolDoc();
    const view = isValidId(classId) ? await classConsents({ ...deps, school, user, classId }) : 'forbidden';
    if (view === 'forbidden')
      throw new HTTPException(403, { message: 'Согласия семей класса видят администрация и классный руководитель' });
    if (view === 'missing') throw new HTTPException(404, { message: 'Нет такого класса' });
    return c.json(view);
  });

  return app;
}
