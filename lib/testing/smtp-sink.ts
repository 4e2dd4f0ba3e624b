import type { AddressInfo } from 'node:net';
import { domainToASCII } from 'node:url';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server for tests, in-process on 127.0.0.1: no authentication, no TLS, accepts everything
 * and keeps each message in memory. The hub is pointed at it with SMTP_HOST=127.0.0.1 and
 * SMTP_PORT=<port>, so tests drive the real email path (nodemailer speaking SMTP) end to end.
 */
export interface SinkMessage {
  /** Envelope recipients, lower-cased, domains in ASCII (punycode) as they were sent. */
  to: string[];
  from: string;
  subject: string;
  /** The text/plain body, decoded. */
  text: string;
  /** The text/html body, decoded; '' when the message has none. */
  html: string;
  raw: string;
  /** Milliseconds since the epoch when the sink received it. */
  receivedAt: number;
}

export interface SmtpSink {
  port: number;
  messages: SinkMessage[];
  /** The first message to `address` received at or after `since` (ms since the epoch), when it comes. */
  waitForMessageTo(address: string, options?: { since?: number; timeoutMs?: number }): Promise<SinkMessage>;
  stop(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({
          // smtp-server turns punycode domains into Unicode; keep the ASCII form that was sent.
          to: session.envelope.rcptTo.map((r) => asciiAddress(r.address)),
          from,
          subject: decodeHeaderValue(headerOf(raw, 'subject') ?? ''),
          text: textBodyOf(raw),
          html: bodyOfType(raw, /^text\/html/i),
          raw,
          receivedAt: Date.now(),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;

  return {
    port: address.port,
    messages,
    waitForMessageTo(to, { since = 0, timeoutMs = 10_000 } = {}) {
      const wanted = to.toLowerCase();
      const find = () => messages.find((m) => m.receivedAt >= since && m.to.includes(wanted));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const wake = () => {
          const message = find();
          if (!message) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(message);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`No email to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1) return address.toLowerCase();
  return `${address.slice(0, at)}@${domainToASCII(address.slice(at + 1)) || address.slice(at + 1)}`.toLowerCase();
}

/** The first link in a message's text that points at `path` (e.g. '/sign-in/link'). */
export function linkIn(message: Pick<SinkMessage, 'text'>, path = '/sign-in/link'): string | undefined {
  return message.text.match(/https?:\/\/[^\s<>"]+/g)?.find((url) => new URL(url).pathname === path);
}

// ---- A little MIME: enough for what nodemailer sends ---------------------------------------------

function splitHeadersAndBody(raw: string): { headers: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at === -1) return { headers: raw, body: '' };
  const separator = raw.slice(at).match(/^\r?\n\r?\n/)![0];
  return { headers: raw.slice(0, at), body: raw.slice(at + separator.length) };
}

function headerOf(part: string, name: string): string | undefined {
  const { headers } = splitHeadersAndBody(part);
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

function textBodyOf(raw: string): string {
  const contentType = headerOf(raw, 'content-type') ?? 'text/plain';
  const { body } = splitHeadersAndBody(raw);
  if (/^multipart\//i.test(contentType)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return body;
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const content = part.replace(/^\r?\n/, '');
      const text = textBodyOf(content);
      const type = headerOf(content, 'content-type') ?? 'text/plain';
      if (/^text\/plain/i.test(type) || /^multipart\//i.test(type)) return text;
    }
    return '';
  }
  return decodedBody(raw);
}

/** The first part of this type (e.g. text/html), searched through nested multiparts, decoded; '' if none. */
function bodyOfType(raw: string, type: RegExp): string {
  const contentType = headerOf(raw, 'content-type') ?? 'text/plain';
  if (type.test(contentType)) return decodedBody(raw);
  if (!/^multipart\//i.test(contentType)) return '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return '';
  for (const part of splitHeadersAndBody(raw).body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const found = bodyOfType(part.replace(/^\r?\n/, ''), type);
    if (found) return found;
  }
  return '';
}

function decodedBody(raw: string): string {
  const { body } = splitHeadersAndBody(raw);
  const encoding = (headerOf(raw, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeHeaderValue(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}
