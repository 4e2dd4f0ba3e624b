import type { MailMessage } from '@/lib/mail/mailer';
import { formatDate } from '@/lib/text/dates';
import { digestHtml } from './digest-email-html';
import type { NewMaterials } from './find-new-materials';
import type { NewProjects } from './find-new-projects';
import type { ProjectUpdates } from './find-project-updates';
import type { SimilarProjects } from './find-similar-projects';
import { excerpt, phaseName, plural } from './digest-words';

/** One followed thing's part of a digest (or, with `similar`, the "projects like yours" part). */
export interface DigestSection {
  label: string;
  /** Its page on the hub (a council, the search for a service area, a saved search, a project). */
  href: string;
  found: NewMaterials;
  /** A followed project's new updates (its `found` is then empty). */
  updates?: ProjectUpdates;
  /** Projects newly registered in a followed council or service area. */
  newProjects?: NewProjects;
  /** Other councils' new projects sharing service areas with the recipient's council's own. */
  similar?: SimilarProjects;
}

/** How many things a section tells of: its materials, updates, new projects and projects like yours. */
export function sectionItemCount(section: DigestSection): number {
  return section.found.total + (section.updates?.total ?? 0) + (section.newProjects?.total ?? 0) + (section.similar?.total ?? 0);
}

/**
 * A digest email: plain text, and the same as HTML (every word from people escaped, every link built
 * by the hub: digest-email-html.ts), with List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), so
 * a mail program's "Unsubscribe" turns the digests off in one click, and a link to manage everything.
 * Stable Message-ID per digest, so a mail system that sees a retried send can tell it is the same.
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
  const unsubscribeUrl = `${hub}/unsubscribe/${options.unsubscribeToken}`;
  const lines = [`New on Discovery Commons since ${formatDate(options.coversFrom)}, from what you follow:`, ''];
  for (const section of options.sections) {
    if (section.similar) {
      lines.push(`Projects like yours: ${plural(section.similar.total, 'new project')} at other councils sharing service areas with your council’s`);
      for (const item of section.similar.items) {
        lines.push(`- ${item.name} (${item.council}, ${phaseName(item.phase)}), like your ${item.likeYours.map((own) => `“${own.name}”`).join(' and ')}`, `  ${hub}/projects/${item.id}`);
      }
      const more = section.similar.total - section.similar.items.length;
      if (more > 0) lines.push(`  and ${more} more: ${hub}${section.href}`);
      lines.push('');
      continue;
    }
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
    if (section.found.total > 0) {
      lines.push(`${section.label}: ${section.found.total} new`);
      for (const item of section.found.items) {
        lines.push(`- ${item.title}${item.council ? ` (${item.council})` : ''}`, `  ${hub}/materials/${item.id}`);
      }
      const more = section.found.total - section.found.items.length;
      if (more > 0) lines.push(`  and ${more} more: ${hub}${section.href}`);
      lines.push('');
    }
    if (section.newProjects && section.newProjects.total > 0) {
      lines.push(`${section.label}: ${plural(section.newProjects.total, 'new project')}`);
      for (const item of section.newProjects.items) lines.push(`- ${item.name} (${item.council}, ${phaseName(item.phase)})`, `  ${hub}/projects/${item.id}`);
      const more = section.newProjects.total - section.newProjects.items.length;
      if (more > 0) lines.push(`  and ${more} more: ${hub}${section.href}`);
      lines.push('');
    }
  }
  lines.push('Choose what you follow and how often you get these emails:', `${hub}/account/following`, '', 'Stop these emails:', unsubscribeUrl);
  const domain = new URL(hub).hostname;
  return {
    to: [options.to],
    subject: `New on Discovery Commons: ${subjectCount(options.sections)} from what you follow`,
    text: lines.join('\n'),
    html: digestHtml({ hub, coversFrom: options.coversFrom, sections: options.sections, unsubscribeUrl }),
    headers: {
      // The header's URL takes the one-click POST; the link in the text opens a page with a button.
      'List-Unsubscribe': `<${unsubscribeUrl}/one-click>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<digest-${options.digestId}@${domain}>`,
    },
  };
}

/** "2 materials, 1 project update and 1 new project": what the digest holds, materials first. */
function subjectCount(sections: DigestSection[]): string {
  const sum = (count: (section: DigestSection) => number) => sections.reduce((total, section) => total + count(section), 0);
  const materials = sum((s) => s.found.total);
  const updates = sum((s) => s.updates?.total ?? 0);
  const newProjects = sum((s) => s.newProjects?.total ?? 0);
  const similar = sum((s) => s.similar?.total ?? 0);
  const parts = [
    ...(materials > 0 || updates + newProjects + similar === 0 ? [plural(materials, 'material')] : []),
    ...(updates > 0 ? [plural(updates, 'project update')] : []),
    ...(newProjects > 0 ? [plural(newProjects, 'new project')] : []),
    ...(similar > 0 ? [`${plural(similar, 'project')} like yours`] : []),
  ];
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
