import { connect } from 'node:net';

export interface OversizedAnswer {
  /** The HTTP status of the server's answer, 0 when the socket closed without one. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How many body bytes the client managed to write before the server answered or closed. */
  bytesSent: number;
}

/**
 * Sends a request whose body is `bytes` long over a raw socket, writing it in chunks as the
 * socket drains (so the sender never holds the body), and stops writing as soon as the server
 * answers or closes. With `chunked` the body has no Content-Length, so the server cannot refuse
 * it by the header alone and must count what it reads.
 */
export function sendOversizedBody(
  origin: string,
  path: string,
  opts: { bytes: number; chunked: boolean; headers?: Record<string, string> },
): Promise<OversizedAnswer> {
  const url = new URL(origin);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let bytesSent = 0;
    let answered = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parse(received, bytesSent));
    };
    socket.on('data', (d) => {
      answered = true;
      received = Buffer.concat([received, d]);
      // The whole answer is in once its body is as long as it says (or the server closes).
      const answer = parse(received, bytesSent);
      const length = Number(answer.headers['content-length'] ?? NaN);
      if (answer.status && Buffer.byteLength(answer.body) >= length) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${url.host}`,
      'Content-Type: application/json',
      opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${opts.bytes}`,
      ...Object.entries(opts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    const writeMore = () => {
      while (!answered && !settled && bytesSent < opts.bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, opts.bytes - bytesSent));
        bytesSent += part.length;
        const framed = opts.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
        if (!socket.write(framed)) return socket.once('drain', writeMore);
      }
      if (opts.chunked && !answered && !settled) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      writeMore();
    });
  });
}

function parse(raw: Buffer, bytesSent: number): OversizedAnswer {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: '', bytesSent };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as const),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4), bytesSent };
}
