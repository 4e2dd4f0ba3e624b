import 'server-only';
import { sql } from 'drizzle-orm';
import { logger } from '@/lib/logging';
import { sendQuietly, type MailMessage } from '@/lib/mail/mailer';
import type { Services } from '@/lib/services';
import { formatDate } from '@/lib/text/dates';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import type { CommitmentReminderKind } from './commitment-words';

/**
 * The daily reminders (lib/jobs/worker.ts runs this every morning): a commitment's contact is
 * reminded two weeks before its date and on the date, unless it is already kept. The contact must
 * still be a member of the council; someone who has left is not written to.
 *
 * Each reminder is sent at most once. Deciding to send is writing its row in commitment_reminders
 * (unique per commitment and reminder) in one transaction; the emails go only after that commits
 * (lib/mail/mailer.ts), so a second run, or two workers at once, find the row and send nothing. A
 * crash between the commit and the sending loses that reminder rather than sending it twice.
 *
 * A day missed (the worker was down) is caught up: "two weeks before" is due from 14 days before
 * until the day before, "on the day" from the day until three days after.
 */
export const onTheDayCatchUpDays = 3;

interface Due {
  commitment_id: string;
  reminder: CommitmentReminderKind;
  email: string | null;
  description: string;
  due_on: string;
  council: string;
}

export async function sendCommitmentReminders(services: Services, options: { now?: Date } = {}): Promise<{ sent: number; decided: number }> {
  const today = todayInLondon(options.now);
  const twoWeeksOn = addDays(today, 14);
  const catchUpFrom = addDays(today, -onTheDayCatchUpDays);

  const due = await services.db.transaction(async (tx) => {
    // INSERT … ON CONFLICT DO NOTHING RETURNING: only the reminders not already sent come back.
    const result = await tx.execute(
      sql`WITH wanted AS (
            SELECT c.id AS commitment_id,
                   CASE WHEN c.due_on > ${today}::date THEN 'two-weeks-before' ELSE 'on-the-day' END AS reminder
            FROM commitments c
            WHERE c.confirmed_at IS NULL
              AND c.due_on <= ${twoWeeksOn}::date
              AND c.due_on >= ${catchUpFrom}::date
          ),
          decided AS (
            INSERT INTO commitment_reminders (commitment_id, reminder)
            SELECT commitment_id, reminder FROM wanted
            ON CONFLICT DO NOTHING
            RETURNING commitment_id, reminder
          )
          SELECT d.commitment_id, d.reminder, u.email, c.description, c.due_on::text AS due_on, o.name AS council
          FROM decided d
          JOIN commitments c ON c.id = d.commitment_id
          JOIN organisations o ON o.id = c.organisation_id
          LEFT JOIN users u ON u.id = c.contact_user_id AND u.organisation_id = c.organisation_id`,
    );
    // Both drivers answer { rows } (lib/db/query-rows.ts).
    return (result as unknown as { rows: Due[] }).rows;
  });

  let sent = 0;
  for (const reminder of due) {
    if (!reminder.email) continue;
    if (await sendQuietly(services.mail, reminderMessage(services.mail?.hubUrl ?? '', reminder), 'commitment reminder')) sent += 1;
  }
  if (due.length > 0) logger('jobs').info({ decided: due.length, sent }, 'commitment reminders');
  return { sent, decided: due.length };
}

function reminderMessage(hubUrl: string, due: Due): MailMessage {
  const when = formatDate(`${String(due.due_on)}T12:00:00Z`);
  const link = `${hubUrl.replace(/\/$/, '')}/commitments/${due.commitment_id}`;
  const opening = `${due.council} said it would do this by ${when}:`;
  return {
    to: [due.email!],
    subject: due.reminder === 'two-weeks-before' ? `Coming up by ${when}: ${due.description}` : `Due now: ${due.description}`,
    text: [
      opening,
      '',
      due.description,
      '',
      'When it is done, add the evidence and confirm that your council kept it. If the date needs to move, change it on the commitment’s page:',
      link,
      '',
      'You are getting this because you are the contact for this commitment on Discovery Commons.',
    ].join('\n'),
  };
}
