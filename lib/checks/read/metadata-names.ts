import type { FindingDraft } from '../build-report';
import type { HiddenContentKind } from '../findings';
import { maskName } from '../mask';

/**
 * A name in a file's properties (author, last modified by, manager), as a finding. Applications fill
 * these from the account that saved the file, so a real name is usually a member of staff: worth
 * removing before publication, but not alarming. Generic accounts ("Administrator", "Windows User",
 * "Microsoft Office User") are not people.
 */
const GENERIC = /^(admin(istrator)?|user|owner|author|unknown|windows user|microsoft office user|office user|guest|default|test|staff|[a-z]{1,3}\d*)$/i;

export function metadataNameDraft(kind: Extract<HiddenContentKind, 'author' | 'last-modified-by'>, value: string | undefined, what: string): FindingDraft | undefined {
  const name = value?.trim();
  if (!name) return undefined;
  const personal = !GENERIC.test(name) && (/\S\s+\S/.test(name) || /[.@_]/.test(name) || /^[A-Z][a-z]+$/.test(name));
  return {
    category: 'hidden-content',
    kind,
    likelihood: personal ? 'possible' : 'unlikely',
    score: personal ? 60 : 15,
    location: { kind: 'properties' },
    excerpt: maskName(name),
    reason: personal ? `The file’s properties name ${what}: usually a member of staff. Remove it if they should not be named.` : `The file’s properties name ${what}, a general account rather than a person.`,
    key: name.toLowerCase(),
  };
}
