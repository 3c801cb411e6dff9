import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StackedTable } from './stacked-table.tsx';

const rendered = () =>
  renderToString(
    <StackedTable
      caption="Lediga rum"
      head={['Rum', 'Platser', 'Boka']}
      numeric={[1]}
      actions={[2]}
      rows={[['Lilla rummet', 3, <a href="/boka/1">Boka</a>]]}
    />,
  );

describe('StackedTable', () => {
  it('renders the rows as a table with every column named, numbers right-aligned', () => {
    const table = rendered().split('<ul')[0]!;
    expect(table).toContain('<caption class="govuk-table__caption govuk-visually-hidden">Lediga rum</caption>');
    expect(table).toContain('<th scope="col" class="govuk-table__header">Boka</th>');
    expect(table).toContain('<th scope="row" class="govuk-table__header">Lilla rummet</th>');
    expect(table).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">3</td>');
    expect(table).toContain('<td class="govuk-table__cell"><a href="/boka/1">Boka</a></td>');
  });

  it('renders the same rows as blocks for a phone, an action after the pairs without its column name', () => {
    const list = rendered().slice(rendered().indexOf('<ul'));
    expect(list).toContain('aria-label="Lediga rum"');
    expect(list).toContain('<dt>Platser</dt><dd>3</dd>');
    expect(list).not.toContain('<dt>Boka</dt>');
    expect(list).toMatch(/<\/dl><p class="[^"]*"><a href="\/boka\/1">Boka<\/a><\/p>/);
  });
});
