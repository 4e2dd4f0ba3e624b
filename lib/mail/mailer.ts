import 'server-only';
import { createTransport, type Transporter } from 'nodemailer';
import type { AuthConfig } from '@/lib/config';
import { logger } from '@/lib/logging';

/**
 * Emails the hub sends about people and councils (a request waiting for a site admin, a message to a
 * council's admins). They go out the way sign-in links do (lib/sign-in/sign-in-email.ts): by the
 * configured SMTP server, or, outside production with none set, written to the server log.
 * Sending happens after the change it tells about has committed, never inside a transaction.
 */
export interface MailMessage {
  to: string[];
  subject: string;
  /** Plain text: these messages carry people's own words, so no HTML is built from them. */
  text: string;
  /**
   * An HTML alternative, sent beside the text (digests). Whoever builds it escapes every word people
   * typed and builds every link itself (lib/following/digest-email-html.ts).
   */
  html?: string;
  /** Where a reply goes (the sender of a contact message), so their address is never on a page. */
  replyTo?: string;
  /**
   * Extra headers, written as given: List-Unsubscribe and List-Unsubscribe-Post on digests (RFC 8058).
   * Only ever built by the hub, never from what people typed.
   */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** The hub's own address, for links in emails. */
  hubUrl: string;
  send(message: MailMessage): Promise<void>;
}

export function createMailer(auth: Pick<AuthConfig, 'email' | 'url'>): Mailer | undefined {
  const email = auth.email;
  if (!email) return undefined;
  if (email.transport === 'log') {
    return {
      hubUrl: auth.url,
      async send(message) {
        // Plain text on purpose: the development stand-in for an inbox (never in production), read by
        // a person, so addresses and links are shown whole, unlike in the structured logs.
        const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `\n${name}: ${value}`).join('');
        console.log(`[mail] To ${message.to.join(', ')}: ${message.subject}${headers}\n${message.text}`);
      },
    };
  }
  let transport: Transporter | undefined;
  return {
    hubUrl: auth.url,
    async send(message) {
      if (message.to.length === 0) return;
      transport ??= createTransport({
        host: email.smtp.host,
        port: email.smtp.port,
        secure: email.smtp.secure,
        auth: email.smtp.auth,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
      await transport.sendMail({
        from: email.smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        replyTo: message.replyTo,
        ...(message.headers ? { headers: message.headers } : {}),
      });
    },
  };
}

/**
 * Sends, and logs rather than throws when the mail server fails: the change has been made and stored
 * (and shows on the hub's pages), so a person is not told it failed.
 */
export async function sendQuietly(mailer: Mailer | undefined, message: MailMessage, what: string): Promise<boolean> {
  if (!mailer || message.to.length === 0) return false;
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    logger('mail').error({ what, err: error }, 'could not send');
    return false;
  }
}
