import type { MailMessage } from '@/lib/mail/mailer';
import { formatDate } from '@/lib/text/dates';
import type { NewMaterials } from './find-new-materials';
import type { ProjectUpdates } from './find-project-updates';

/** One followed thing's part of a digest. */
export interface DigestSection {
  label: string;
  /** Its page on the hub (a council, the search for a service area, a saved search). */
  href: string;
  found: NewMaterials;
  /** A followed project's new updates (its `found` is then empty). */
  updates?: ProjectUpdates;
}

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/**
 * A digest email: plain text (titles are people's words, so no HTML is built from them), with
 * List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), so a mail program's "Unsubscribe" turns the
 * digests off in one click, and a link to manage everything. Stable Message-ID per digest, so a mail
 * system that sees a retried send can tell it is the same message.
 */
export function digestMessage(options: {
  hubUrl: string;
  to: string;
  digestId: string;
  coversFrom: Date;
  sections: DigestSection[];
  unsubscribeToken: string;
}): MailMessage {
  const hub = options.hubUrl.replace(/\/$/, '');
  const total = options.sections.reduce((sum, section) => sum + section.found.total, 0);
  const updates = options.sections.reduce((sum, section) => sum + (section.updates?.total ?? 0), 0);
  const unsubscribeUrl = `${hub}/unsubscribe/${options.unsubscribeToken}`;
  const lines = [`New on Discovery Commons since ${formatDate(options.coversFrom)}, from what you follow:`, ''];
  for (const section of options.sections) {
    if (section.updates) {
      const { total: count, items } = section.updates;
      lines.push(`${section.label} (project): ${count} new ${count === 1 ? 'update' : 'updates'}`);
      for (const item of items) {
        const moved = item.phaseTo && item.phaseFrom !== item.phaseTo ? ` Moved to ${item.phaseTo}.` : '';
        lines.push(`- ${formatDate(`${item.postedOn}T12:00:00Z`)}:${moved} ${excerpt(item.body)}`);
      }
      lines.push(`  ${hub}${section.href}`, '');
      continue;
    }
    lines.push(`${section.label}: ${section.found.total} new`);
    for (const item of section.found.items) {
      lines.push(`- ${item.title}${item.council ? ` (${item.council})` : ''}`, `  ${hub}/materials/${item.id}`);
    }
    const more = section.found.total - section.found.items.length;
    if (more > 0) lines.push(`  and ${more} more: ${hub}${section.href}`);
    lines.push('');
  }
  lines.push(
    'Choose what you follow and how often you get these emails:',
    `${hub}/account/following`,
    '',
    'Stop these emails:',
    unsubscribeUrl,
  );
  const domain = new URL(hub).hostname;
  return {
    to: [options.to],
    subject: updates === 0 ? `New on Discovery Commons: ${total} ${total === 1 ? 'material' : 'materials'} from what you follow` : `New on Discovery Commons: ${subjectCount(total, updates)} from what you follow`,
    text: lines.join('\n'),
    headers: {
      // The header's URL takes the one-click POST; the link in the text opens a page with a button.
      'List-Unsubscribe': `<${unsubscribeUrl}/one-click>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<digest-${options.digestId}@${domain}>`,
    },
  };
}

function subjectCount(materials: number, updates: number): string {
  const u = `${updates} project ${updates === 1 ? 'update' : 'updates'}`;
  return materials === 0 ? u : `${materials} ${materials === 1 ? 'material' : 'materials'} and ${u}`;
}
