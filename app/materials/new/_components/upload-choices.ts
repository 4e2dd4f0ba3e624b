import type { Viewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { acceptAttribute, acceptedFormatsSentence, formatBytes } from '@/lib/formats/file-formats';
import { visibilityOptions } from '@/lib/materials/visibility-words';
import { defaultLicence, vocabularies } from '@/lib/taxonomy/vocabularies';
import { descriptionChoices } from '@/app/materials/_components/description-fields';
import type { UploadFormChoices } from './upload-form';

/** The share form's choices for this person (sharing a material, or adapting one). */
export function uploadChoices(viewer: Extract<Viewer, { kind: 'user' }>, projects: UploadFormChoices['projects']): UploadFormChoices {
  const v = vocabularies();
  const ownOrganisation = viewer.isSiteAdmin ? undefined : viewer.organisation?.name;
  return {
    ownOrganisation,
    visibilities: visibilityOptions(ownOrganisation ?? 'the chosen council', ownOrganisation !== undefined),
    projects,
    ...descriptionChoices(),
    councils: [...v.councils].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.slug, label: c.name })),
    defaultLicence: defaultLicence().spdx,
    maxSize: formatBytes(config().maxUploadBytes),
    acceptedFormats: acceptedFormatsSentence,
    accept: acceptAttribute,
  };
}
