import { Button, Details, Textarea } from '@/app/_components/govuk';
import type { KitItemView } from '@/lib/kits/get-kit';
import { kitNoteLimit } from '@/lib/kits/kit-words';

/**
 * The buttons beside an item for those who may change the kit: move up, move down, remove, and the
 * note in a disclosure. Plain forms, one per action, so they work without JavaScript and each button
 * says which material it acts on to a screen reader.
 */
export function KitItemForms(props: { kitId: string; item: KitItemView; isFirst: boolean; isLast: boolean; noteError?: string; noteValue?: string }) {
  const { kitId, item, isFirst, isLast, noteError, noteValue } = props;
  const base = `/kits/${kitId}/items`;
  const hidden = <input type="hidden" name="material" value={item.materialId} />;
  const noteId = noteError ? 'note' : `note-${item.materialId}`;
  return (
    <>
      <div className="govuk-button-group">
        {!isFirst ? (
          <form method="post" action={`${base}/move`}>
            {hidden}
            <input type="hidden" name="direction" value="up" />
            <Button variant="secondary" className="govuk-!-margin-bottom-0">
              Move up<span className="govuk-visually-hidden"> {item.title}</span>
            </Button>
          </form>
        ) : null}
        {!isLast ? (
          <form method="post" action={`${base}/move`}>
            {hidden}
            <input type="hidden" name="direction" value="down" />
            <Button variant="secondary" className="govuk-!-margin-bottom-0">
              Move down<span className="govuk-visually-hidden"> {item.title}</span>
            </Button>
          </form>
        ) : null}
        <form method="post" action={`${base}/remove`}>
          {hidden}
          <Button variant="warning" className="govuk-!-margin-bottom-0">
            Remove<span className="govuk-visually-hidden"> {item.title}</span>
          </Button>
        </form>
      </div>
      <Details summary={item.note ? 'Change the note' : 'Add a note'} open={Boolean(noteError)}>
        <form method="post" action={`${base}/note`}>
          {hidden}
          <Textarea
            id={noteId}
            name="note"
            label={`Note on ${item.title}`}
            labelClassName="govuk-label--s"
            hint={`Why it is in the kit, or how to use it. ${kitNoteLimit} characters or fewer.`}
            defaultValue={noteValue ?? item.note}
            error={noteError}
            rows={3}
          />
          <Button variant="secondary" preventDoubleClick>
            Save note
          </Button>
        </form>
      </Details>
    </>
  );
}
