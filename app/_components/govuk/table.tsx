import type { CSSProperties, ReactNode } from 'react';
import { cx } from './field-parts';

export interface TableColumn {
  /** The column's heading. Give one even for a column of buttons: it can be visually hidden. */
  header: ReactNode;
  /** Heading read by screen readers only (`govuk-visually-hidden`). */
  headerHidden?: boolean;
  /** Right-aligned, as GOV.UK numbers and action links are (`govuk-table__cell--numeric`). */
  numeric?: boolean;
}

export interface TableCell {
  content: ReactNode;
  style?: CSSProperties;
}

export interface TableRow {
  key: string | number;
  /** One entry per column. The first is the row's header (`<th scope="row">`) when `rowHeaders` is set. */
  cells: readonly (ReactNode | TableCell)[];
}

export interface TableProps {
  /** Says what the table holds; screen readers announce it. Visually hidden unless `captionVisible`. */
  caption: string;
  captionVisible?: boolean;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** The first cell of each row names the row (a person, a version). */
  rowHeaders?: boolean;
  className?: string;
}

const isCell = (value: unknown): value is TableCell =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'content' in value;

/** The GOV.UK table: a caption, column headers, and rows, with row headers where a row is about one thing. */
export function Table({ caption, captionVisible, columns, rows, rowHeaders, className }: TableProps) {
  return (
    <table className={cx('govuk-table', className)}>
      <caption className={cx('govuk-table__caption', captionVisible ? 'govuk-table__caption--m' : 'govuk-visually-hidden')}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column, index) => (
            <th key={index} scope="col" className={cx('govuk-table__header', column.numeric && 'govuk-table__header--numeric')}>
              {column.headerHidden ? <span className="govuk-visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr key={row.key} className="govuk-table__row">
            {row.cells.map((value, index) => {
              const cell = isCell(value) ? value : { content: value };
              const numeric = columns[index]?.numeric;
              return index === 0 && rowHeaders ? (
                <th key={index} scope="row" className="govuk-table__header" style={cell.style}>
                  {cell.content}
                </th>
              ) : (
                <td key={index} className={cx('govuk-table__cell', numeric && 'govuk-table__cell--numeric')} style={cell.style}>
                  {cell.content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
