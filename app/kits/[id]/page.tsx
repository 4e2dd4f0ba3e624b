import type { Metadata } from 'next';
import { Button, ErrorSummary, NotificationBanner } from '@/app/_components/govuk';
import { formatBytes } from '@/lib/formats/file-formats';
import { errorsByField, loadFormAttempt, textValue, type FormAttempt, type FormName } from '@/lib/forms/form-attempts';
import { visibilityInWords } from '@/lib/materials/visibility-words';
import { formatDate } from '@/lib/text/dates';
import { KitItemForms } from './_components/kit-item-forms';
import { loadKit } from './_components/load-kit';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const pageForms: FormName[] = ['kit-note', 'kit-item'];

const doneMessages: Record<string, string> = {
  made: 'Your kit was made. Add materials to it from their pages with ‘Add to a kit’.',
  updated: 'Your changes were saved.',
  added: 'The material was added to the kit.',
  removed: 'The material was taken out of the kit.',
  moved: 'The order was changed.',
  note: 'The note was saved.',
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { kit } = await loadKit(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}${kit.title}` };
}

/**
 * A kit: its description, the materials in it that this viewer may see, in order, with their notes,
 * and "Download all" as one zip. Those who may change it get the buttons to reorder, remove and note.
 */
export default async function KitPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, kit } = await loadKit(id);
  const { attempt: attemptId, done } = await searchParams;
  let attempt: FormAttempt | undefined;
  for (const form of pageForms) attempt ??= await loadFormAttempt(hub, viewer, form, kit.id, attemptId);
  const errors = errorsByField(attempt);
  const erroredMaterial = textValue(attempt?.values, 'material');
  const base = `/kits/${kit.id}`;
  const madeBy = kit.council ? kit.council.name : 'Discovery Commons';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: e.field === 'note' ? '#note' : '#items', text: e.message }))} /> : null}
        {typeof done === 'string' && doneMessages[done] ? <NotificationBanner type="success">{doneMessages[done]}</NotificationBanner> : null}
        <span className="govuk-caption-l">{kit.council ? `Discovery kit by ${kit.council.name}` : 'Starter kit from Discovery Commons'}</span>
        <h1 className="govuk-heading-l">{kit.title}</h1>
        {kit.description ? <p className="govuk-body app-kit-description">{kit.description}</p> : null}
        <p className="govuk-body-s">
          Made by{' '}
          {kit.council ? (
            <a className="govuk-link" href={`/organisations/${encodeURIComponent(kit.council.slug)}`}>
              {madeBy}
            </a>
          ) : (
            madeBy
          )}
          . Last changed {formatDate(kit.updatedAt)}. Who can see it: {visibilityInWords(kit.visibility, kit.council?.name).replace('find and download it', 'see it')}
        </p>
        {kit.fileCount > 0 ? (
          <Button href={`${base}/download`}>
            Download all as a zip<span className="govuk-visually-hidden"> for {kit.title}</span> ({kit.fileCount === 1 ? '1 file' : `${kit.fileCount} files`}, {formatBytes(kit.totalBytes)})
          </Button>
        ) : null}
        {kit.can.change ? (
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={`${base}/edit`}>
                Change the title, description or who can see it
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/delete`}>
                Delete this kit
              </a>
            </li>
          </ul>
        ) : null}
        <h2 className="govuk-heading-m" id="items" tabIndex={-1}>
          Materials in this kit
        </h2>
        {kit.items.length === 0 ? (
          <p className="govuk-body">
            {kit.can.change ? (
              <>
                There is nothing in this kit yet. Find materials with{' '}
                <a className="govuk-link" href="/search">
                  search
                </a>{' '}
                and choose ‘Add to a kit’ on their pages.
              </>
            ) : (
              'There are no materials in this kit that you can see.'
            )}
          </p>
        ) : (
          <ol className="govuk-list govuk-list--number app-kit-items">
            {kit.items.map((item, i) => (
              <li key={item.materialId} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={`/materials/${item.materialId}`}>
                    {item.title}
                  </a>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {item.council ? item.council.name : 'Discovery Commons starter template'} · {item.licence}
                  {item.fileName && item.sizeBytes !== null ? ` · ${item.fileName}, ${formatBytes(item.sizeBytes)}` : ''}
                </p>
                {item.summary ? <p className="govuk-body govuk-!-margin-bottom-1">{item.summary}</p> : null}
                {item.note ? (
                  <div className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2">
                    <span className="govuk-visually-hidden">Note: </span>
                    {item.note}
                  </div>
                ) : null}
                {kit.can.change ? (
                  <KitItemForms
                    kitId={kit.id}
                    item={item}
                    isFirst={i === 0}
                    isLast={i === kit.items.length - 1}
                    noteError={erroredMaterial === item.materialId ? errors.note : undefined}
                    noteValue={erroredMaterial === item.materialId ? textValue(attempt?.values, 'note') : undefined}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <p className="govuk-body">
          <a className="govuk-link" href="/kits">
            All kits
          </a>
        </p>
      </div>
    </div>
  );
}
