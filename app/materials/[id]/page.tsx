import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Button, ErrorSummary, NotificationBanner, SummaryList, Tag } from '@/app/_components/govuk';
import { formatBytes } from '@/lib/formats/file-formats';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { listMaterialVersions } from '@/lib/materials/list-material-versions';
import { getMaterialPreview } from '@/lib/material-previews/get-material-preview';
import { listVersionAlternatives } from '@/lib/material-alternatives/list-version-alternatives';
import { jsonLdScriptText, materialJsonLd } from '@/lib/open-data/material-json-ld';
import { absoluteUrl, siteAddress } from '@/lib/open-data/site-address';
import { getMaterialReuse } from '@/lib/reuse/get-material-reuse';
import { canMakeKit } from '@/lib/auth/permissions';
import { kitChoices } from '@/lib/kits/list-kits';
import { getMaterialLineage } from '@/lib/adapt/get-lineage';
import { services } from '@/lib/runtime';
import { relatedMaterials } from '@/lib/search/related';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { AddToKit, addToKitFieldIds } from './_components/add-to-kit';
import { AlternativeFormats } from './_components/alternative-formats';
import { ChangeLinks } from './_components/change-links';
import { doneMessage } from './_components/done-message';
import { PreviewSection } from './_components/preview-section';
import { contactHref, detailRows } from './_components/material-details';
import { Versions } from './_components/versions-table';
import { WeUsedThis } from './_components/we-used-this';
import { AdaptedBy, AdaptedFromNotice } from './_components/lineage';
import { MoreLikeThis } from './_components/more-like-this';
import { WithdrawnBanner } from './_components/withdrawn-banner';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(id: string) {
  await connection();
  return getMaterial(await services(), await currentViewer(), id);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const material = await load((await params).id);
  const { attempt } = await searchParams;
  if (!material) return { title: 'Page not found' };
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}${material.title}` };
}

export default async function MaterialPage({ params, searchParams }: Props) {
  const material = await load((await params).id);
  if (!material) notFound();
  const viewerSignedIn = (await currentViewer()).kind === 'user';
  // Old versions inherit the material's permissions: listed only because the material could be seen.
  const versions = await listMaterialVersions(await services(), await currentViewer(), material.id);
  const query = await searchParams;
  const done = doneMessage(query, material);
  // Which councils used it, and how often it was downloaded: for anyone who may see it.
  const reuse = await getMaterialReuse(await services(), await currentViewer(), material.id);
  const useAttempt = reuse.canRecord ? await loadFormAttempt(await services(), await currentViewer(), 'material-use', material.id, query.attempt) : undefined;
  // "Add to a kit": for members of a council (or site admins), on a published material.
  const viewer = await currentViewer();
  const mayAddToKit = material.status === 'published' && (canMakeKit(viewer) || (viewer.kind === 'user' && viewer.isSiteAdmin));
  const kits = mayAddToKit ? await kitChoices(await services(), viewer) : [];
  const kitAttempt = mayAddToKit ? await loadFormAttempt(await services(), viewer, 'kit-item', material.id, query.attempt) : undefined;
  const attempt = useAttempt ?? kitAttempt;
  // The current file's preview, behind the same check as its download.
  const preview = await getMaterialPreview(await services(), await currentViewer(), material.id);
  // The current file in the formats councils edit (a starter template as DOCX and ODT), same check.
  const alternatives = await listVersionAlternatives(await services(), await currentViewer(), material.id);
  // Where it came from and what was made from it, as far as this viewer may see (lib/adapt).
  const lineage = await getMaterialLineage(await services(), await currentViewer(), material.id);
  // Related materials this viewer may see, through the search engine; none for a draft or withdrawn one.
  const related = material.status === 'published' ? await relatedMaterials(await services(), await currentViewer(), material.id) : [];
  // Structured data for search engines: only what this page shows, and only since the viewer may see it.
  const source = lineage.adaptedFrom !== null && lineage.adaptedFrom !== 'not-shown' && lineage.adaptedFrom.isPublic ? lineage.adaptedFrom : undefined;
  const structuredData = materialJsonLd(material, absoluteUrl(siteAddress(), `/materials/${material.id}`), {
    isBasedOn: source ? absoluteUrl(siteAddress(), `/materials/${source.id}`) : undefined,
  });

  return (
    <div className="govuk-grid-row">
      {structuredData ? (
        // A data block, never run; its text is escaped so that no title can close the element.
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(structuredData) }} />
      ) : null}
      <div className="govuk-grid-column-two-thirds">
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${(attempt === kitAttempt ? addToKitFieldIds[e.field] : undefined) ?? e.field}`, text: e.message }))} /> : null}
        {material.status === 'draft' ? (
          <NotificationBanner title="Draft" titleId="draft-banner-title">
            <p className="govuk-notification-banner__heading">This material is a draft</p>
            <p className="govuk-body">
              Only {material.council ? `members of ${material.council.name}` : 'site administrators'} can see it.{' '}
              {material.permissions.canChange ? (
                <a className="govuk-notification-banner__link" href={`/materials/${material.id}/check`}>
                  Check the file and publish it
                </a>
              ) : null}
            </p>
          </NotificationBanner>
        ) : null}
        {material.withdrawn ? (
          <WithdrawnBanner material={material} done={done} />
        ) : done ? (
          <NotificationBanner type="success" title="Success">
            {done}
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{material.council?.name ?? material.artefactType.label}</span>
        <h1 className="govuk-heading-l">{material.title}</h1>
        <ul className="app-tag-list" aria-label="Phases and kind">
          {material.phases.map((p) => (
            <li key={p.slug} className="app-tag-list__item">
              <Tag>{p.label}</Tag>
            </li>
          ))}
          <li className="app-tag-list__item">
            <Tag colour="grey">{material.kind.label}</Tag>
          </li>
        </ul>
        {material.summary ? (
          <p className="govuk-body-l app-material-summary">{material.summary}</p>
        ) : (
          <p className="govuk-body app-material-summary">No summary given.</p>
        )}
        <AdaptedFromNotice adaptedFrom={lineage.adaptedFrom} />
        {material.askBeforeReuse ? <AskBeforeReuse material={material} /> : null}
        <Button href={`/materials/${material.id}/download`}>
          Download<span className="govuk-visually-hidden"> {material.title}</span> ({material.file.format.toUpperCase()},{' '}
          {formatBytes(material.file.sizeBytes)})
        </Button>
        <AlternativeFormats alternatives={alternatives} base={`/materials/${material.id}/download`} title={material.title} />
        <h2 className="govuk-heading-m">About this material</h2>
        <SummaryList rows={detailRows(material, reuse.downloads)} />
        {material.permissions.canChange || material.permissions.canDelete ? <ChangeLinks material={material} /> : null}
        {viewerSignedIn && material.status === 'published' ? (
          <p className="govuk-body">
            <a className="govuk-link" href={`/materials/${material.id}/report`}>
              Report a concern about this material
            </a>
          </p>
        ) : null}
        {material.status === 'published' ? (
          <WeUsedThis materialId={material.id} reuse={reuse} attempt={useAttempt} done={typeof query.used === 'string' ? query.used : undefined} />
        ) : null}
        {mayAddToKit ? <AddToKit materialId={material.id} kits={kits} attempt={kitAttempt} /> : null}
        {material.status === 'published' ? <AdaptedBy materialId={material.id} lineage={lineage} council={material.council?.name ?? null} /> : null}
        {preview ? <PreviewSection preview={preview} title={material.title} /> : null}
        <Versions material={material} versions={versions} />
        <MoreLikeThis hits={related} />
      </div>
    </div>
  );
}

/**
 * The licence says "ask the publishing council before reuse": say so before the download button, with
 * the way to ask (the council's contact form), not only in the licence row further down.
 */
function AskBeforeReuse({ material }: { material: MaterialDetail }) {
  const { council } = material;
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        This material is not openly licensed. Ask {council ? council.name : 'whoever published it'} before you reuse it.
        {council ? (
          <>
            {' '}
            <a className="govuk-link" href={contactHref(council)}>
              Contact {council.name}
            </a>
          </>
        ) : null}
      </strong>
    </div>
  );
}
