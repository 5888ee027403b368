import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail the local SMTP server received: its recipients, subject and decoded text. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(v: string): string {
  // Adjacent encoded words may split one character's bytes: join their bytes before decoding.
  const words = [...v.matchAll(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi)];
  if (words.length === 0) return v;
  const bytes = words.map(([, enc, body]) =>
    enc.toUpperCase() === 'B' ? Buffer.from(body, 'base64') : Buffer.from(decodeQuotedPrintable(body.replace(/_/g, ' ')), 'utf8'),
  );
  return Buffer.concat(bytes).toString('utf8');
}

/** Reads a single-part text e-mail as nodemailer writes it (quoted-printable or base64 body). */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { to, subject: decodeHeader(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server on a free local port (the `smtp-server` package), for the digest tests
 * (NOTIF-4…NOTIF-7): every e-mail it receives is kept, and `next` resolves on the next one — the
 * tests wait on that event, never on a clock.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once `count` e-mails in all have arrived. */
    async count(count: number): Promise<ReceivedMail[]> {
      while (received.length < count) await new Promise<void>((r) => waiters.push(r));
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
