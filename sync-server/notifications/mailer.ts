import nodemailer from 'nodemailer';

/** One e-mail: plain text, to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The port the digests send through; nodemailer over `SMTP_URL` in the server. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * NOTIF-8: e-mail through the SMTP server `SMTP_URL` names (`smtp://user:pass@host:587`,
 * `smtps://…:465`); the sender is `SMTP_FROM`. Without `SMTP_URL` there is no mailer and nothing
 * is e-mailed; everything else works.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
