import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface TableCell {
  text?: string | number | undefined;
  children?: ComponentChildren;
  /** `numeric` right-aligns (mirrored in right-to-left) with tabular figures. */
  format?: 'numeric' | undefined;
  classes?: string | undefined;
  colspan?: number | undefined;
  rowspan?: number | undefined;
  attributes?: Attributes | undefined;
}

/** A cell as an object, or a plain string/number for the common case. */
export type TableCellInput = TableCell | string | number;

export interface TableProps {
  caption?: string | undefined;
  /** e.g. `govuk-table__caption--m`. */
  captionClasses?: string | undefined;
  head?: readonly TableCellInput[] | undefined;
  rows: readonly (readonly TableCellInput[] | null | undefined | false)[];
  /** Each row's first cell becomes `<th scope="row">`. */
  firstCellIsHeader?: boolean | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

function cellOf(input: TableCellInput): TableCell {
  return typeof input === 'object' ? input : { text: input };
}

function contentOfCell(cell: TableCell): ComponentChildren {
  return cell.children ?? (cell.text === undefined ? null : String(cell.text));
}

/** GOV.UK table with a caption (its accessible name) and column/row headers. */
export function Table(props: TableProps) {
  return (
    <table class={classNames('govuk-table', props.classes)} {...attrs(props.attributes)}>
      {props.caption && (
        <caption class={classNames('govuk-table__caption', props.captionClasses)}>{props.caption}</caption>
      )}
      {props.head && (
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {props.head.map((input) => {
              const cell = cellOf(input);
              return (
                <th
                  scope="col"
                  class={classNames(
                    'govuk-table__header',
                    cell.format && `govuk-table__header--${cell.format}`,
                    cell.classes,
                  )}
                  colSpan={cell.colspan}
                  rowSpan={cell.rowspan}
                  {...attrs(cell.attributes)}
                >
                  {contentOfCell(cell)}
                </th>
              );
            })}
          </tr>
        </thead>
      )}
      <tbody class="govuk-table__body">
        {props.rows.map((row) =>
          row ? (
            <tr class="govuk-table__row">
              {row.map((input, i) => {
                const cell = cellOf(input);
                if (i === 0 && props.firstCellIsHeader) {
                  return (
                    <th
                      scope="row"
                      class={classNames('govuk-table__header', cell.classes)}
                      colSpan={cell.colspan}
                      rowSpan={cell.rowspan}
                      {...attrs(cell.attributes)}
                    >
                      {contentOfCell(cell)}
                    </th>
                  );
                }
                return (
                  <td
                    class={classNames(
                      'govuk-table__cell',
                      cell.format && `govuk-table__cell--${cell.format}`,
                      cell.classes,
                    )}
                    colSpan={cell.colspan}
                    rowSpan={cell.rowspan}
                    {...attrs(cell.attributes)}
                  >
                    {contentOfCell(cell)}
                  </td>
                );
              })}
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}
