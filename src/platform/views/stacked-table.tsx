import type { ComponentChildren } from 'preact';

/**
 * A GOV.UK table that becomes one block per row on a narrow screen (WCAG 1.4.10, no sideways
 * scrolling at 320 px). Two renderings of the same rows, one shown at a time by CSS: the table
 * (tablet and wider), and a list of rows below it, each its first cell as a heading and the
 * other cells as name–value pairs. A table restyled into blocks loses its semantics in WebKit,
 * and the explicit roles that would keep them are invalid HTML (the Nu Html Checker); a list is
 * a list everywhere. `display: none` hides the other rendering from screen readers too.
 * For a table whose columns must be compared side by side, use ScrollRegion instead.
 */
export function StackedTable({
  caption,
  head,
  rows,
  classes,
  bodyLang,
  id,
  numeric = [],
  actions = [],
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ComponentChildren[])[];
  classes?: string;
  /** `lang` of the rows, when their data is in another language than the page. */
  bodyLang?: string | undefined;
  id?: string;
  /** Indexes of the columns that hold numbers: right-aligned in the table (GOV.UK numeric cells). */
  numeric?: readonly number[];
  /**
   * Indexes of the columns that hold an action (a "Boka" link, a button): in the list they come
   * after the pairs without their column's name, which would only repeat the link's text.
   */
  actions?: readonly number[];
}) {
  const numericClass = (base: string, i: number) => (numeric.includes(i) ? `${base} ${base}--numeric` : base);
  return (
    <div class={`smb-stack${classes ? ` ${classes}` : ''}`} id={id}>
      <table class="govuk-table smb-stack__table">
        <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {head.map((text, i) => (
              <th scope="col" class={numericClass('govuk-table__header', i)}>
                {text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body" lang={bodyLang}>
          {rows.map((row) => (
            <tr class="govuk-table__row">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" class="govuk-table__header">
                    {cell}
                  </th>
                ) : (
                  <td class={numericClass('govuk-table__cell', i)}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="govuk-list smb-stack__list" aria-label={caption} lang={bodyLang}>
        {rows.map((row) => (
          <li class="smb-stack__item">
            <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{row[0]}</p>
            <dl class="smb-stack__pairs">
              {row.map((cell, i) =>
                i === 0 || actions.includes(i) ? null : (
                  <div class="smb-stack__pair">
                    <dt>{head[i]}</dt>
                    <dd>{cell}</dd>
                  </div>
                ),
              )}
            </dl>
            {actions.map((i) => (
              <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1">{row[i]}</p>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
