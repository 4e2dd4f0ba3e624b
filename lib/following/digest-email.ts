import type { MailMessage } from '@/lib/mail/mailer';
import { formatDate } from '@/lib/text/dates';
import type { NewMaterials } from './find-new-materials';

/** One followed thing's part of a digest. */
export interface DigestSection {
  label: string;
  /** Its page on the hub (a council, the search for a service area, a saved search). */
  href: string;
  found: NewMaterials;
}

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
  const unsubscribeUrl = `${hub}/unsubscribe/${options.unsubscribeToken}`;
  const lines = [`New on Discovery Commons since ${formatDate(options.coversFrom)}, from what you follow:`, ''];
  for (const section of options.sections) {
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
    subject: `New on Discovery Commons: ${total} ${total === 1 ? 'material' : 'materials'} from what you follow`,
    text: lines.join('\n'),
    headers: {
      // The header's URL takes the one-click POST; the link in the text opens a page with a button.
      'List-Unsubscribe': `<${unsubscribeUrl}/one-click>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<digest-${options.digestId}@${domain}>`,
    },
  };
}
