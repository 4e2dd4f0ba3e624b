import { Table, Tag } from '@/app/_components/govuk';
import { materialStateLabel, type MaterialListItem } from '@/lib/materials/material-list-item';
import { formatDate } from '@/lib/text/dates';
import { ResultThumbnail } from './thumbnail';

const visibilityLabels: Record<string, string> = {
  public: 'Public',
  councils: 'Councils',
  organisation: 'Only the council',
};

/** A table of materials: title (a link, with the file's thumbnail when it has one), state, who can see it, and when it last changed. */
export function MaterialList({ caption, items }: { caption: string; items: readonly MaterialListItem[] }) {
  return (
    <Table
      caption={caption}
      rowHeaders
      columns={[{ header: 'Title' }, { header: 'State' }, { header: 'Who can see it' }, { header: 'Last changed' }]}
      rows={items.map((item) => ({
        key: item.id,
        cells: [
          <div key="title" className="app-list-title">
            <ResultThumbnail thumbnail={item.thumbnail} />
            <a className="govuk-link app-break-anywhere" href={`/materials/${item.id}`}>
              {item.title}
            </a>
          </div>,
          <Tag key="state" colour={materialStateLabel(item.status).colour}>
            {materialStateLabel(item.status).text}
          </Tag>,
          item.visibility === 'organisation' && item.organisationName ? `Only ${item.organisationName}` : (visibilityLabels[item.visibility] ?? 'Nobody'),
          formatDate(item.updatedAt),
        ],
      }))}
    />
  );
}
