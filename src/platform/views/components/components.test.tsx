/**
 * What the components promise beyond GOV.UK parity (govuk-parity.test.tsx): escaping, wiring
 * of ids for assistive technology, conditional reveals, date parts, translated built-in texts.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import {
  BackLink,
  Breadcrumbs,
  Button,
  CharacterCount,
  Checkboxes,
  DateInput,
  Details,
  ErrorSummary,
  FileUpload,
  InsetText,
  NotificationBanner,
  Pagination,
  Panel,
  Radios,
  Select,
  SummaryList,
  Table,
  Tabs,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from './index.ts';

const render = (node: VNode) => renderToString(node);
const error = { text: 'Fyll i ditt namn', visuallyHiddenText: 'Fel' } as const;
const XSS = '<script>alert("x")</script>';

describe('escaping', () => {
  it('escapes user input in values, labels, hints, messages and cells — no raw HTML option exists', () => {
    const html = render(
      <>
        <TextInput
          name="name"
          value={XSS}
          label={{ text: XSS }}
          hint={{ text: XSS }}
          errorMessage={{ text: XSS, visuallyHiddenText: 'Fel' }}
        />
        <Textarea name="more" value={`</textarea>${XSS}`} label={{ text: 'Mer' }} />
        <Select name="s" value={XSS} items={[{ value: XSS, text: XSS }]} label={{ text: 'S' }} />
        <Table rows={[[XSS, { text: XSS, format: 'numeric' }]]} caption={XSS} />
        <SummaryList
          rows={[
            {
              key: { text: XSS },
              value: { text: XSS },
              actions: { items: [{ href: '#x', text: 'Ändra', visuallyHiddenText: XSS }] },
            },
          ]}
        />
        <ErrorSummary titleText={XSS} errorList={[{ text: XSS, href: '#a' }]} />
        <Tag text={XSS} />
      </>,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('</textarea><script');
    expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
  });
});

describe('text input, textarea, select, file upload', () => {
  it('wires label for=, hint and error ids into aria-describedby, with the error class and visually hidden prefix', () => {
    const html = render(
      <TextInput
        name="name"
        id="full-name"
        label={{ text: 'Namn' }}
        hint={{ text: 'Som i passet' }}
        errorMessage={error}
        value="A"
      />,
    );
    expect(html).toContain('<label class="govuk-label" for="full-name">Namn</label>');
    expect(html).toContain('<div id="full-name-hint" class="govuk-hint">Som i passet</div>');
    expect(html).toContain(
      '<p id="full-name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Fel:</span> Fyll i ditt namn</p>',
    );
    expect(html).toContain(
      'class="govuk-input govuk-input--error" id="full-name" name="name" type="text" value="A" aria-describedby="full-name-hint full-name-error"',
    );
    expect(html).toContain('class="govuk-form-group govuk-form-group--error"');
  });

  it('has no aria-describedby and no error class when there is nothing to describe', () => {
    const html = render(<TextInput name="name" label={{ text: 'Namn' }} />);
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('--error');
  });

  it('states the character limit in the page language and gives the script its translated messages', () => {
    const html = render(
      <CharacterCount locale="sv" name="why" maxlength={200} label={{ text: 'Varför?' }} errorMessage={error} />,
    );
    expect(html).toContain(
      '<div id="why-info" class="govuk-hint govuk-character-count__message">Du kan skriva upp till 200 tecken</div>',
    );
    expect(html).toContain('aria-describedby="why-info why-error"');
    expect(html).toContain('data-module="govuk-character-count"');
    expect(html).toContain('data-maxlength="200"');
    expect(html).toContain('data-i18n.characters-under-limit.other="Du har %{count} tecken kvar"');
    expect(html).toContain('data-i18n.characters-at-limit="Du har 0 tecken kvar"');
    expect(html).toContain('class="govuk-textarea govuk-textarea--error govuk-js-character-count"');
  });

  it('marks the chosen option of a select', () => {
    const html = render(
      <Select
        name="kommun"
        value="b"
        label={{ text: 'Kommun' }}
        items={[
          { value: 'a', text: 'A' },
          { value: 'b', text: 'B' },
        ]}
      />,
    );
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(html).not.toContain('<option value="a" selected');
  });

  it('translates the enhanced file upload texts', () => {
    const html = render(
      <FileUpload name="doc" label={{ text: 'Intyg' }} javascript={{ locale: 'sv' }} errorMessage={error} />,
    );
    expect(html).toContain('data-module="govuk-file-upload"');
    expect(html).toContain('data-i18n.choose-files-button="Välj fil"');
    expect(html).toContain('data-i18n.multiple-files-chosen.other="%{count} filer valda"');
    expect(html).toContain('class="govuk-file-upload govuk-file-upload--error"');
  });
});

describe('radios and checkboxes', () => {
  const items = [
    { value: 'email', text: 'E-post', conditional: <TextInput name="contactEmail" label={{ text: 'E-postadress' }} /> },
    { value: 'phone', text: 'Telefon', hint: { text: 'Vi ringer dagtid' } },
    { divider: 'eller' },
    { value: 'none', text: 'Ingen kontakt' },
  ];

  it('gives the first radio the field id (the summary link target) and numbers the rest, counting dividers', () => {
    const html = render(
      <Radios name="contact" items={items} fieldset={{ legend: { text: 'Kontakt' } }} errorMessage={error} />,
    );
    expect(html).toMatch(/id="contact" name="contact" type="radio" value="email"/);
    expect(html).toMatch(/id="contact-2" name="contact" type="radio" value="phone"/);
    expect(html).toContain('<div class="govuk-radios__divider">eller</div>');
    expect(html).toMatch(/id="contact-4" name="contact" type="radio" value="none"/);
    expect(html).toContain('<fieldset class="govuk-fieldset" aria-describedby="contact-error">');
    expect(html).toContain('aria-describedby="contact-2-item-hint"');
  });

  it('links a conditional reveal by id and hides it until its radio is chosen', () => {
    const hidden = render(<Radios name="contact" items={items} />);
    expect(hidden).toContain('data-aria-controls="conditional-contact"');
    expect(hidden).toContain(
      '<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-contact">',
    );
    const shown = render(<Radios name="contact" value="email" items={items} />);
    expect(shown).toMatch(/value="email" checked data-aria-controls="conditional-contact"/);
    expect(shown).toContain('<div class="govuk-radios__conditional" id="conditional-contact">');
    expect(shown).toContain('id="contactEmail"');
  });

  it('ticks every kept value and marks an exclusive "none" option', () => {
    const html = render(
      <Checkboxes
        name="languages"
        values={['sv', 'ar']}
        fieldset={{ legend: { text: 'Språk' } }}
        items={[
          { value: 'sv', text: 'Svenska' },
          { value: 'ar', text: 'Arabiska' },
          { value: 'so', text: 'Somaliska' },
          { divider: 'eller' },
          { value: 'none', text: 'Inget av dessa', behaviour: 'exclusive' },
        ]}
      />,
    );
    expect(html).toMatch(/value="sv" checked/);
    expect(html).toMatch(/value="ar" checked/);
    expect(html).not.toMatch(/value="so" checked/);
    expect(html).toContain('data-behaviour="exclusive"');
  });

  it('puts the hint and error on a single checkbox itself when there is no fieldset', () => {
    const html = render(
      <Checkboxes
        name="consent"
        hint={{ text: 'Krävs' }}
        errorMessage={error}
        items={[{ value: 'yes', text: 'Jag godkänner' }]}
      />,
    );
    expect(html).toContain(
      'id="consent" name="consent" type="checkbox" value="yes" aria-describedby="consent-hint consent-error"',
    );
  });
});

describe('date input', () => {
  it('names the parts <prefix>-day/-month/-year with translated labels, numeric keyboard and birthday autocomplete', () => {
    const html = render(
      <DateInput
        id="birthDate"
        namePrefix="birthDate"
        locale="sv"
        autocomplete="bday"
        values={{ day: '7', month: '3', year: '1990' }}
        fieldset={{ legend: { text: 'Födelsedatum' } }}
      />,
    );
    expect(html).toContain('<fieldset class="govuk-fieldset" role="group">');
    for (const [part, label, value] of [
      ['day', 'Dag', '7'],
      ['month', 'Månad', '3'],
      ['year', 'År', '1990'],
    ]) {
      expect(html).toContain(
        `<label class="govuk-label govuk-date-input__label" for="birthDate-${part}">${label}</label>`,
      );
      expect(html).toMatch(
        new RegExp(
          `id="birthDate-${part}" name="birthDate-${part}" type="text" value="${value}" autocomplete="bday-${part}" inputmode="numeric"`,
        ),
      );
    }
    expect(html).toContain('govuk-input--width-4" id="birthDate-year"');
  });

  it('marks only the parts an error is about', () => {
    const html = render(
      <DateInput
        id="d"
        namePrefix="d"
        locale="en"
        errorMessage={error}
        errorParts={['month']}
        fieldset={{ legend: { text: 'When' } }}
      />,
    );
    expect(html).toContain('<fieldset class="govuk-fieldset" role="group" aria-describedby="d-error">');
    expect(html).toMatch(/govuk-input--error govuk-input--width-2" id="d-month"/);
    expect(html).not.toMatch(/govuk-input--error govuk-input--width-2" id="d-day"/);
    expect(html).toContain('for="d-day">Day</label>');
  });
});

describe('buttons', () => {
  it('prevents double submission when asked', () => {
    expect(render(<Button text="Skicka" preventDoubleClick />)).toBe(
      '<button type="submit" data-prevent-double-click="true" class="govuk-button" data-module="govuk-button">Skicka</button>',
    );
  });

  it('renders a start button as a link with role=button and a hidden arrow', () => {
    const html = render(<Button href="/sfi/ansok" isStartButton text="Börja nu" />);
    expect(html).toContain(
      '<a href="/sfi/ansok" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">Börja nu<svg class="govuk-button__start-icon"',
    );
    expect(html).toContain('aria-hidden="true" focusable="false"');
  });

  it('marks a disabled button for assistive technology too', () => {
    expect(render(<Button text="Vänta" disabled variant="secondary" />)).toContain(
      'disabled aria-disabled="true" class="govuk-button govuk-button--secondary"',
    );
  });
});

describe('error summary', () => {
  it('puts role=alert on the inner container and links each error to its field', () => {
    const html = render(
      <ErrorSummary
        titleText="Det finns ett problem"
        errorList={[{ text: 'Fyll i ditt namn', href: '#name' }, { text: 'Ett fel utan fält' }]}
      />,
    );
    expect(html).toBe(
      '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">Det finns ett problem</h2>' +
        '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#name">Fyll i ditt namn</a></li><li>Ett fel utan fält</li></ul></div></div></div>',
    );
  });
});

describe('content components', () => {
  it('gives table cells numeric alignment and row headers', () => {
    const html = render(
      <Table
        caption="Avgifter"
        head={['Tjänst', { text: 'Kronor', format: 'numeric' }]}
        rows={[['Parkering', { text: 1200, format: 'numeric' }]]}
        firstCellIsHeader
      />,
    );
    expect(html).toContain('<caption class="govuk-table__caption">Avgifter</caption>');
    expect(html).toContain('<th scope="col" class="govuk-table__header govuk-table__header--numeric">Kronor</th>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">Parkering</th>');
    expect(html).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">1200</td>');
  });

  it('tells change links apart for screen readers', () => {
    const html = render(
      <SummaryList
        rows={[
          {
            key: { text: 'Namn' },
            value: { text: 'Amina' },
            actions: { items: [{ href: '/andra/namn', text: 'Ändra', visuallyHiddenText: 'namn' }] },
          },
          { key: { text: 'Personnummer' }, value: { text: '19900307-0000' } },
        ]}
      />,
    );
    expect(html).toContain(
      '<a class="govuk-link" href="/andra/namn">Ändra<span class="govuk-visually-hidden"> namn</span></a>',
    );
    expect(html).toContain('govuk-summary-list__row govuk-summary-list__row--no-actions');
  });

  it('translates pagination texts and marks the current page', () => {
    const html = render(
      <Pagination
        locale="sv"
        previous={{ href: '?sida=1' }}
        next={{ href: '?sida=3' }}
        items={[
          { number: 1, href: '?sida=1' },
          { number: 2, href: '?sida=2', current: true },
          { ellipsis: true },
          { number: 9, href: '?sida=9' },
        ]}
      />,
    );
    expect(html).toContain('aria-label="Sidnumrering"');
    expect(html).toContain('Föregående<span class="govuk-visually-hidden"> sida</span>');
    expect(html).toContain('Nästa<span class="govuk-visually-hidden"> sida</span>');
    expect(html).toContain('aria-label="Sida 2" aria-current="page"');
    expect(html).toContain('govuk-pagination__item--ellipsis">⋯</li>');
  });

  it('translates the words the components say themselves', () => {
    expect(render(<BackLink locale="sv" href="/" />)).toBe('<a href="/" class="govuk-back-link">Tillbaka</a>');
    expect(render(<BackLink locale="en" href="/" />)).toContain('>Back</a>');
    expect(render(<Breadcrumbs locale="sv" items={[{ text: 'Start', href: '/' }, { text: 'Sfi' }]} />)).toContain(
      'aria-label="Du är här"',
    );
    expect(render(<WarningText locale="sv" text="Du kan bli återbetalningsskyldig" />)).toContain(
      '<span class="govuk-visually-hidden">Varning</span> Du kan bli',
    );
    expect(render(<Tabs locale="sv" idPrefix="t" items={[{ label: 'A', panel: { text: 'a' } }]} />)).toContain(
      '<h2 class="govuk-tabs__title">Innehåll</h2>',
    );
  });

  it('marks the current breadcrumb', () => {
    const html = render(<Breadcrumbs locale="sv" items={[{ text: 'Start', href: '/' }, { text: 'Mina ärenden' }]} />);
    expect(html).toContain('<li class="govuk-breadcrumbs__list-item" aria-current="page">Mina ärenden</li>');
  });

  it('links tabs to their panels and hides all but the first', () => {
    const html = render(
      <Tabs
        locale="en"
        idPrefix="case"
        items={[
          { label: 'Beslut', panel: { text: 'a' } },
          { label: 'Meddelanden', id: 'messages', panel: { children: <p>b</p> } },
        ]}
      />,
    );
    expect(html).toContain('<a class="govuk-tabs__tab" href="#case-1">Beslut</a>');
    expect(html).toContain('<a class="govuk-tabs__tab" href="#messages">Meddelanden</a>');
    expect(html).toContain('<div class="govuk-tabs__panel govuk-tabs__panel--hidden" id="messages"><p>b</p></div>');
  });

  it('renders confirmation, inset, details and tag markup', () => {
    expect(render(<Panel titleText="Ansökan skickad" text="Ärendenummer SFI-123" />)).toBe(
      '<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Ansökan skickad</h1><div class="govuk-panel__body">Ärendenummer SFI-123</div></div>',
    );
    expect(render(<InsetText text="Det tar ungefär 10 minuter." />)).toBe(
      '<div class="govuk-inset-text">Det tar ungefär 10 minuter.</div>',
    );
    expect(render(<Details summaryText="Har du inte e-legitimation?" text="Du kan söka ändå." />)).toContain(
      '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Har du inte e-legitimation?</span></summary>',
    );
    expect(render(<Tag text="Beviljad" colour="green" />)).toBe(
      '<strong class="govuk-tag govuk-tag--green">Beviljad</strong>',
    );
  });

  it('lets several notification banners on one page have their own title ids', () => {
    const html = render(
      <>
        <NotificationBanner title="Klart" kind="success" titleId="flash-0-title" text="Sparat" />
        <NotificationBanner title="Viktigt" titleId="flash-1-title">
          <p class="govuk-notification-banner__heading">Info</p>
        </NotificationBanner>
      </>,
    );
    expect(html).toContain('role="alert" aria-labelledby="flash-0-title"');
    expect(html).toContain('id="flash-0-title"');
    expect(html).toContain('role="region" aria-labelledby="flash-1-title"');
    expect(html).toContain('<p class="govuk-notification-banner__heading">Sparat</p>');
  });
});
