import 'server-only';
import { createTransport, type Transporter } from 'nodemailer';
import type { AuthConfig, SmtpConfig } from '@/lib/config';

/** How long an emailed sign-in link works. */
export const SIGN_IN_LINK_MINUTES = 15;

export interface SignInEmail {
  subject: string;
  text: string;
  html: string;
}

/** The message: plain, in the GOV.UK style, with the link written out in full. */
export function signInEmail(link: string): SignInEmail {
  const subject = 'Sign in to Discovery Commons';
  const text = [
    'Sign in to Discovery Commons',
    '',
    'Use this link to sign in:',
    '',
    link,
    '',
    `The link works once and expires in ${SIGN_IN_LINK_MINUTES} minutes.`,
    '',
    'If you did not ask for this, ignore this email. Nobody can sign in without the link.',
    '',
    'Discovery Commons',
    '',
  ].join('\n');
  const escaped = escapeHtml(link);
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c; margin: 0; padding: 20px;">
<h1 style="font-size: 27px; margin: 0 0 20px;">Sign in to Discovery Commons</h1>
<p style="margin: 0 0 20px;">Use this link to sign in:</p>
<p style="margin: 0 0 20px;"><a href="${escaped}" style="color: #1d70b8;">${escaped}</a></p>
<p style="margin: 0 0 20px;">The link works once and expires in ${SIGN_IN_LINK_MINUTES} minutes.</p>
<p style="margin: 0 0 20px;">If you did not ask for this, ignore this email. Nobody can sign in without the link.</p>
<p style="margin: 0;">Discovery Commons</p>
</body>
</html>
`;
  return { subject, text, html };
}

/**
 * The address the email points at: the hub's own "Sign in" page, not next-auth's callback. Opening
 * it shows a button that completes the sign-in, so a mail scanner that follows links (Microsoft
 * Defender's Safe Links, for example) cannot use up the one-time link before its owner clicks it.
 */
export function emailedLink(nextAuthCallbackUrl: string, hubUrl: string): string {
  const callback = new URL(nextAuthCallbackUrl);
  const link = new URL('/sign-in/link', hubUrl);
  for (const name of ['token', 'email', 'callbackUrl']) {
    const value = callback.searchParams.get(name);
    if (value !== null) link.searchParams.set(name, value);
  }
  return link.toString();
}

const transports = new Map<string, Transporter>();

function transportFor(smtp: SmtpConfig): Transporter {
  const key = JSON.stringify(smtp);
  let transport = transports.get(key);
  if (!transport) {
    transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.auth,
      // Short timeouts: a person is waiting for the page.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(key, transport);
  }
  return transport;
}

/**
 * Sends the link by SMTP, or (outside production, with no SMTP configured) writes it to the server
 * log so that the quick start works with nothing set up.
 */
export async function deliverSignInLink(email: NonNullable<AuthConfig['email']>, to: string, link: string): Promise<void> {
  if (email.transport === 'log') {
    // Plain text on purpose, not a log line: this is the development stand-in for an inbox (never
    // allowed in production, lib/config), and the person needs the whole link, address and token
    // included, which the structured logs would hide (lib/logging/redact.ts).
    console.log(`[sign-in] Email sign-in link for ${to}: ${link}`);
    return;
  }
  const message = signInEmail(link);
  const result = await transportFor(email.smtp).sendMail({ from: email.smtp.from, to, ...message });
  const failed = [...(result.rejected ?? []), ...((result as { pending?: unknown[] }).pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`The mail server did not accept the sign-in email (${failed.length} recipient refused)`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
