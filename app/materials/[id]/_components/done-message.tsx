import type { ReactNode } from 'react';
import type { MaterialDetail } from '@/lib/materials/get-material';
import { whoCanFindItNow } from '@/lib/materials/visibility-words';

/**
 * The confirmation for what the person just did, from the address the form redirected to. Who can find
 * it is read from the material itself, so the words match the visibility chosen.
 */
export function doneMessage(
  query: Record<string, string | string[] | undefined>,
  material: Pick<MaterialDetail, 'visibility' | 'council'>,
): ReactNode {
  // Sharing leads to the file's check (a draft); publishing from there leads here.
  if (query.published === '1') {
    return (
      <>
        <p className="govuk-notification-banner__heading">Your material has been published</p>
        <p className="govuk-body">{whoCanFindItNow(material.visibility, material.council?.name)}</p>
      </>
    );
  }
  if (query.updated === '1') return <p className="govuk-notification-banner__heading">Your changes have been saved</p>;
  if (typeof query.replaced === 'string' && /^[1-9][0-9]{0,8}$/.test(query.replaced)) {
    return (
      <>
        <p className="govuk-notification-banner__heading">Version {query.replaced} of the file has been uploaded</p>
        <p className="govuk-body">It is now the file people download. Earlier versions are listed under ‘Versions’.</p>
      </>
    );
  }
  if (query.restored === '1') {
    return (
      <>
        <p className="govuk-notification-banner__heading">The material has been restored</p>
        <p className="govuk-body">It is back in search and lists for everyone who can see it.</p>
      </>
    );
  }
  return null;
}
