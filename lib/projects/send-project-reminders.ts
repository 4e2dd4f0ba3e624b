import 'server-only';
import { sql } from 'drizzle-orm';
import { todayInLondon } from '@/lib/text/calendar-days';
import { logger } from '@/lib/logging';
import { sendQuietly, type MailMessage } from '@/lib/mail/mailer';
import type { Services } from '@/lib/services';
import { quietAfterDays, quietAgainAfterDays } from './project-words';

/**
 * The daily "your project has gone quiet" reminders (lib/jobs/worker.ts runs this every morning): an
 * active project with no update for 90 days reminds its contact once, and once more at 180 days.
 * "Last updated" is the day of its latest update, or of its registration.
 *
 * As for commitments (lib/commitments/send-commitment-reminders.ts), deciding to send is inserting the
 * row in project_reminders (one per project and reminder) in one transaction, and emails go only after
 * it commits, so a second run, or two workers at once, send nothing more. Posting an update deletes
 * the rows, so the next quiet spell is reminded of too. The contact must still be a member of the
 * council.
 */

interface Due {
  project_id: string;
  reminder: '90-days' | '180-days';
  email: string | null;
  name: string;
  quiet_days: number;
}

export async function sendProjectReminders(services: Services, options: { now?: Date } = {}): Promise<{ sent: number; decided: number }> {
  const today = todayInLondon(options.now);
  const due = await services.db.transaction(async (tx) => {
    const result = await tx.execute(
      sql`WITH quiet AS (
            SELECT p.id, (${today}::date - greatest((p.created_at AT TIME ZONE 'Europe/London')::date,
                          coalesce((SELECT max(u.posted_on) FROM project_updates u WHERE u.project_id = p.id), '-infinity'::date)))::int AS days
            FROM projects p
            WHERE p.status = 'active'
          ),
          wanted AS (
            SELECT id AS project_id, CASE WHEN days >= ${quietAgainAfterDays} THEN '180-days' ELSE '90-days' END AS reminder
            FROM quiet WHERE days >= ${quietAfterDays}
          ),
          decided AS (
            INSERT INTO project_reminders (project_id, reminder)
            SELECT project_id, reminder FROM wanted
            ON CONFLICT DO NOTHING
            RETURNING project_id, reminder
          )
          SELECT d.project_id, d.reminder, u.email, p.name, q.days AS quiet_days
          FROM decided d
          JOIN projects p ON p.id = d.project_id
          JOIN quiet q ON q.id = d.project_id
          LEFT JOIN users u ON u.id = p.contact_user_id AND u.organisation_id = p.organisation_id`,
    );
    return (result as unknown as { rows: Due[] }).rows;
  });

  let sent = 0;
  for (const reminder of due) {
    if (!reminder.email) continue;
    if (await sendQuietly(services.mail, reminderMessage(services.mail?.hubUrl ?? '', reminder), 'project reminder')) sent += 1;
  }
  if (due.length > 0) logger('jobs').info({ decided: due.length, sent }, 'project reminders');
  return { sent, decided: due.length };
}

function reminderMessage(hubUrl: string, due: Due): MailMessage {
  const link = `${hubUrl.replace(/\/$/, '')}/projects/${due.project_id}`;
  return {
    to: [due.email!],
    subject: `No update for ${Number(due.quiet_days)} days: ${due.name}`,
    text: [
      `Your project “${due.name}” has had no update on Discovery Commons for ${Number(due.quiet_days)} days.`,
      '',
      'Other councils look at it to see who is working on what. A short update (what you did, what you learned, any change of phase) keeps it useful. If the project has stopped, your council’s admins can mark it paused or finished:',
      link,
      '',
      'You are getting this because you are the contact for this project on Discovery Commons.',
    ].join('\n'),
  };
}
