import { projectPhaseLabels, type ProjectPhase } from '@/lib/projects/project-words';

/** Small wording helpers shared by the plain-text and HTML digests. */

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** One line, at most 200 characters: an update's body as a digest shows it. */
export const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

export const phaseName = (phase: string) => projectPhaseLabels[phase as ProjectPhase] ?? phase;
