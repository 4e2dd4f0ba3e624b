import type { KitView } from '@/lib/kits/get-kit';

/** What someone who may see a kit, but not change it, sees on its edit and delete pages. */
export function CannotChangeKit({ kit }: { kit: KitView }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot change this kit</h1>
        <p className="govuk-body">Only members of {kit.council?.name ?? 'the council that made it'} can change ‘{kit.title}’.</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/kits/${kit.id}`}>
            Back to the kit
          </a>
        </p>
      </div>
    </div>
  );
}
