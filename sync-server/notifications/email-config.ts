/**
 * NOTIF-8: e-mail to families. `SMTP_URL` (`smtp://user:password@host:587`, `smtps://…:465`) turns
 * it on; without it nothing is e-mailed, everything else works and the settings say so.
 * `SMTP_FROM` is the sender; `DIGEST_POLL_SECONDS` how often due digests are looked for (the
 * interval between two digests to one parent is the school's setting, NOTIF-4); `PUBLIC_URL` the
 * app's address named in the e-mails.
 */
export interface EmailConfig {
  smtpUrl: string | null;
  from: string;
  pollSeconds: number;
  publicUrl: string | null;
}

export function readEmailConfig(env: NodeJS.ProcessEnv): EmailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${smtpUrl}`);
  const poll = Number(env.DIGEST_POLL_SECONDS ?? 60);
  if (!Number.isFinite(poll) || poll < 0)
    throw new Error(`DIGEST_POLL_SECONDS must be a number of seconds, got ${env.DIGEST_POLL_SECONDS}`);
  return {
    smtpUrl,
    from: env.SMTP_FROM?.trim() || 'Электронный журнал <journal@localhost>',
    pollSeconds: poll,
    publicUrl: env.PUBLIC_URL?.trim() || null,
  };
}
