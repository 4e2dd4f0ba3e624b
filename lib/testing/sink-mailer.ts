import { createMailer, type Mailer } from '@/lib/mail/mailer';
import type { SmtpSink } from './smtp-sink';

/** The hub's real mailer (nodemailer over SMTP), pointed at a test's SMTP sink, with links to http://hub.test. */
export function sinkMailer(sink: Pick<SmtpSink, 'port'>): Mailer {
  const mailer = createMailer({
    url: 'http://hub.test',
    email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'hub@hub.test' } },
  });
  if (!mailer) throw new Error('an SMTP mailer was not made');
  return mailer;
}
