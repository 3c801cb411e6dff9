import type { ComponentChildren } from 'preact';
import {
  Breadcrumbs,
  Details,
  SummaryList,
  Table,
  Tag,
  type TagColour,
} from '../../platform/views/components/index.ts';
import { splitFragments } from '../../platform/i18n/translator.ts';
import { InLanguage, MixedLanguageText } from '../../platform/views/in-language.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { LegalReferenceLink } from '../../platform/views/legal-reference.tsx';
import { ScrollRegion } from '../../platform/views/scroll-region.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { outcomes } from './rule-set.schema.ts';
import type {
  CellItem,
  CellTest,
  ExpressionsView,
  OutputValue,
  RowView,
  RuleSetView,
  TableView,
  VersionStatus,
  VersionView,
} from './rule-set-presentation.ts';
import { translateRuleText } from './rule-texts.ts';
import { rulesTranslator } from './rules.i18n.ts';

type T = ReturnType<typeof rulesTranslator>;

export const TRANSPARENCY_PATH = '/sa-fattas-besluten';

/** The rule set's title in the reader's language (known rule sets), else a generic one. */
export function ruleSetTitle(t: T, id: string): string {
  return id === 'sfi' ? t.t('ruleSet.title.sfi') : t.t('ruleSet.title.other', { id });
}

/**
 * Text from a rule file (a table's name, what a row means): in the page's language when it is
 * translated (rule-texts.ts), its legal references still marked Swedish; else the rule file's
 * Swedish, marked so that screen readers read it as Swedish (WCAG 3.1.2, language of parts).
 */
export function RuleText({ ctx, text }: { ctx: PageContext; text: string }) {
  const translated = translateRuleText(text, ctx.locale);
  if (translated === null) return <Sv ctx={ctx}>{text}</Sv>;
  return <MixedLanguageText parts={splitFragments(translated)} page={ctx.locale} />;
}

/** RuleText as plain text, for an accessible name. */
function ruleTextPlain(ctx: PageContext, text: string): string {
  const translated = translateRuleText(text, ctx.locale);
  if (translated === null) return text;
  return splitFragments(translated)
    .map((part) => (typeof part === 'string' ? part : part.text))
    .join('');
}

/** Swedish from the rule file that is not translated: legal references, codes written as words. */
function Sv({ ctx, children }: { ctx: PageContext; children: ComponentChildren }) {
  return (
    <InLanguage lang="sv" page={ctx.locale}>
      {children}
    </InLanguage>
  );
}

/**
 * Long unbroken codes (reason codes, content hashes) with break opportunities (`<wbr>`) after
 * each underscore or every 16 characters, so a table can narrow to the screen instead of
 * overflowing it. The text, copied or read aloud, is unchanged.
 */
function Breakable({ text }: { text: string }) {
  const parts = text.includes('_') ? text.split(/(?<=_)/) : (text.match(/.{1,16}/g) ?? [text]);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {i > 0 && <wbr />}
          {part}
        </>
      ))}
    </>
  );
}

export interface RuleSetSummary {
  id: string;
  view: RuleSetView;
}

export function TransparencyIndexPage({ ctx, ruleSets }: { ctx: PageContext; ruleSets: readonly RuleSetSummary[] }) {
  const t = rulesTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={t.t('index.title')}>
      <h1 class="govuk-heading-xl">{t.t('index.title')}</h1>
      <p class="govuk-body-l">{t.t('index.lead')}</p>
      <p class="govuk-body">
        <MixedLanguageText parts={t.parts('index.law')} page={ctx.locale} />
      </p>
      <h2 class="govuk-heading-l">{t.t('index.ruleSets')}</h2>
      <ul class="govuk-list">
        {ruleSets.map(({ id, view }) => {
          const current = view.versions.find((version) => version.status === 'inForce');
          return (
            <li>
              <h3 class="govuk-heading-m">
                <a class="govuk-link" href={`${TRANSPARENCY_PATH}/${id}`}>
                  {ruleSetTitle(t, id)}
                </a>
              </h3>
              <p class="govuk-body">
                {current ? t.t('index.inForce', { date: ctx.t.formatDate(current.version) }) : t.t('index.noneInForce')}{' '}
                {t.t('index.versions', { count: view.versions.length })}
              </p>
              {current?.description && (
                <p class="govuk-body">
                  <RuleText ctx={ctx} text={current.description} />
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

const STATUS_COLOUR: Record<VersionStatus, TagColour> = { inForce: 'green', past: 'grey', future: 'blue' };

export function RuleSetPage({ ctx, view }: { ctx: PageContext; view: RuleSetView }) {
  const t = rulesTranslator(ctx.locale);
  const title = ruleSetTitle(t, view.id);
  return (
    <Layout
      ctx={ctx}
      title={title}
      beforeContent={
        <Breadcrumbs
          locale={ctx.locale}
          items={[{ text: t.t('ruleSet.breadcrumb'), href: TRANSPARENCY_PATH }, { text: title }]}
        />
      }
    >
      <span class="govuk-caption-l">{t.t('index.title')}</span>
      <h1 class="govuk-heading-xl">{title}</h1>

      {view.id === 'sfi' && (
        <>
          <h2 class="govuk-heading-l">{t.t('tryIt.heading')}</h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`${TRANSPARENCY_PATH}/sfi/prova`}>
              {t.t('tryIt.body')}
            </a>
          </p>
        </>
      )}
      <h2 class="govuk-heading-l">{t.t('history.heading')}</h2>
      <ScrollRegion label={t.t('history.caption')}>
        <Table
          caption={t.t('history.caption')}
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[
            t.t('history.version'),
            t.t('history.until'),
            t.t('history.status'),
            t.t('history.hash'),
            t.t('history.file'),
          ]}
          rows={view.versions.map((version) => [
            {
              children: (
                <a class="govuk-link" href={`#${versionAnchor(version)}`}>
                  {ctx.t.formatDate(version.version)}
                </a>
              ),
            },
            version.until ? ctx.t.formatDate(version.until) : t.t('history.untilFurther'),
            { children: <Tag colour={STATUS_COLOUR[version.status]}>{t.t(`status.${version.status}`)}</Tag> },
            {
              children: (
                <code dir="ltr">
                  <Breakable text={version.contentHash} />
                </code>
              ),
            },
            {
              children: (
                <a
                  class="govuk-link"
                  href={`${TRANSPARENCY_PATH}/${view.id}/${version.version}.json`}
                  type="application/json"
                  download={`${view.id}-${version.version}.json`}
                >
                  {t.t('history.download')}
                  <span class="govuk-visually-hidden">
                    {' '}
                    {t.t('history.downloadHidden', { date: ctx.t.formatDate(version.version) })}
                  </span>
                </a>
              ),
            },
          ])}
        />
      </ScrollRegion>
      <p class="govuk-body">{t.t('history.hashHelp')}</p>

      <h2 class="govuk-heading-l">{t.t('read.heading')}</h2>
      <p class="govuk-body">{t.t('read.rows')}</p>
      <p class="govuk-body">{t.t('read.outcomes')}</p>
      <p class="govuk-body">{t.t('read.combination')}</p>
      {ctx.locale !== 'sv' && <p class="govuk-inset-text">{t.t('read.swedish')}</p>}

      {view.versions.map((version) => (
        <Version ctx={ctx} t={t} version={version} />
      ))}
    </Layout>
  );
}

function versionAnchor(version: VersionView): string {
  return `version-${version.version}`;
}

function Version({ ctx, t, version }: { ctx: PageContext; t: T; version: VersionView }) {
  return (
    <section aria-labelledby={`${versionAnchor(version)}-heading`} id={versionAnchor(version)}>
      <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 class="govuk-heading-l" id={`${versionAnchor(version)}-heading`}>
        {t.t('version.heading', { date: ctx.t.formatDate(version.version) })}{' '}
        <Tag colour={STATUS_COLOUR[version.status]}>{t.t(`status.${version.status}`)}</Tag>
      </h2>
      {version.description && (
        <p class="govuk-body">
          <RuleText ctx={ctx} text={version.description} />
        </p>
      )}
      <h3 class="govuk-heading-s">{t.t('version.contents')}</h3>
      <ul class="govuk-list">
        {version.sections.map((section) => (
          <li>
            <a class="govuk-link" href={`#${section.anchor}`}>
              <RuleText ctx={ctx} text={section.name} />
            </a>
          </li>
        ))}
      </ul>
      {version.sections.map((section) =>
        section.kind === 'table' ? (
          <DecisionTable ctx={ctx} t={t} table={section} />
        ) : (
          <Expressions ctx={ctx} t={t} node={section} />
        ),
      )}
    </section>
  );
}

/**
 * A decision table as rows of "if … then …". Written as GOV.UK table markup rather than with
 * the Table component: the caption and column headers come from the rule file and need
 * `lang="sv"` on non-Swedish pages, which the component's plain-text caption cannot carry.
 */
function DecisionTable({ ctx, t, table }: { ctx: PageContext; t: T; table: TableView }) {
  const columnName = new Map(table.columns.map((column) => [column.id, column.name]));
  return (
    <div>
      <h3 class="govuk-heading-m" id={table.anchor}>
        <RuleText ctx={ctx} text={table.name} />
      </h3>
      {table.description && (
        <p class="govuk-body">
          <RuleText ctx={ctx} text={table.description} />
        </p>
      )}
      {(table.hitPolicy === 'collect' || table.hitPolicy === 'first') && (
        <p class="govuk-body">{t.t(`table.${table.hitPolicy}`)}</p>
      )}
      <ScrollRegion label={ruleTextPlain(ctx, table.name)}>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">
            <RuleText ctx={ctx} text={table.name} />
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t.t('table.row')}
              </th>
              <th scope="col" class="govuk-table__header govuk-!-width-one-third">
                {t.t('table.if')}
              </th>
              {table.outputs.map((output) => (
                <th scope="col" class="govuk-table__header">
                  <RuleText ctx={ctx} text={output.name} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {table.rows.map((row) => (
              <Row ctx={ctx} t={t} row={row} columnName={columnName} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Details summaryText={t.t('table.columns')}>
        <ScrollRegion label={t.t('table.columns')}>
          <Table
            caption={t.t('table.columns')}
            captionClasses="govuk-visually-hidden"
            firstCellIsHeader
            head={[t.t('table.condition'), t.t('table.expression')]}
            rows={table.columns.map((column) => [
              { children: <RuleText ctx={ctx} text={column.name} /> },
              { children: <code dir="ltr">{column.field}</code> },
            ])}
          />
        </ScrollRegion>
      </Details>
    </div>
  );
}

function Row({ ctx, t, row, columnName }: { ctx: PageContext; t: T; row: RowView; columnName: Map<string, string> }) {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        <code dir="ltr">{row.id}</code>
      </th>
      <td class="govuk-table__cell">
        {row.description && (
          <p class="govuk-body-s">
            <RuleText ctx={ctx} text={row.description} />
          </p>
        )}
        {row.conditions.length === 0 ? (
          <p class="govuk-body-s">{t.t('table.always')}</p>
        ) : (
          <ul class="govuk-list govuk-list--bullet govuk-body-s">
            {row.conditions.map((condition) => (
              <li>
                <RuleText ctx={ctx} text={columnName.get(condition.column) ?? condition.column} />:{' '}
                <Test t={t} test={condition.test} />
              </li>
            ))}
          </ul>
        )}
      </td>
      {row.outputs.map((output) => (
        <td class="govuk-table__cell">
          <Output ctx={ctx} t={t} field={output.field} value={output.value} />
        </td>
      ))}
    </tr>
  );
}

function Test({ t, test }: { t: T; test: CellTest }) {
  return (
    <>
      {test.items.map((item, i) => (
        <>
          {i > 0 && ` ${t.t('test.or')} `}
          <Item t={t} item={item} />
        </>
      ))}
    </>
  );
}

function Item({ t, item }: { t: T; item: CellItem }) {
  switch (item.kind) {
    case 'yes':
      return <strong>{t.t('test.yes')}</strong>;
    case 'no':
      return <strong>{t.t('test.no')}</strong>;
    case 'null':
      return <>{t.t('test.null')}</>;
    case 'text':
      return <code dir="ltr">{item.value}</code>;
    case 'number':
      return <>{item.value}</>;
    case 'compare': {
      const key = (
        { '<': 'test.lt', '<=': 'test.le', '>': 'test.gt', '>=': 'test.ge', '==': 'test.eq', '!=': 'test.ne' } as const
      )[item.op];
      return <>{t.t(key, { value: item.value })}</>;
    }
    case 'range':
      if (item.lowInclusive && item.highInclusive)
        return <>{t.t('test.between', { low: item.low, high: item.high })}</>;
      return (
        <>
          {t.t(item.lowInclusive ? 'test.ge' : 'test.gt', { value: item.low })} {t.t('test.and')}{' '}
          {t.t(item.highInclusive ? 'test.le' : 'test.lt', { value: item.high })}
        </>
      );
    default:
      return <code dir="ltr">{item.source}</code>;
  }
}

const OUTCOME_COLOUR: Record<string, TagColour> = { admit: 'green', refuse: 'red', manual: 'yellow' };

function Output({ ctx, t, field, value }: { ctx: PageContext; t: T; field: string; value: OutputValue }) {
  if (value.kind === 'null') return <>{t.t('output.none')}</>;
  if (value.kind === 'number') return <>{value.value}</>;
  if (value.kind === 'expression') return <code dir="ltr">{value.source}</code>;
  if (field === 'outcome' && (outcomes as readonly string[]).includes(value.value)) {
    return (
      <>
        <Tag colour={OUTCOME_COLOUR[value.value]}>{t.t(`outcome.${value.value as 'admit'}`)}</Tag>{' '}
        <code dir="ltr">{value.value}</code>
      </>
    );
  }
  // A legal reference as its Swedish citation, linked to the act's published text.
  if (field === 'legalRef') return <LegalReferenceLink source={value.value} page={ctx.locale} />;
  // Codes (reason codes, courses) as code; other text from the rule file as Swedish text.
  if (/^[A-Z0-9_]+$/.test(value.value)) {
    return (
      <code dir="ltr">
        <Breakable text={value.value} />
      </code>
    );
  }
  return <Sv ctx={ctx}>{value.value}</Sv>;
}

function Expressions({ ctx, t, node }: { ctx: PageContext; t: T; node: ExpressionsView }) {
  return (
    <div>
      <h3 class="govuk-heading-m" id={node.anchor}>
        <RuleText ctx={ctx} text={node.name} />
      </h3>
      {node.description && (
        <p class="govuk-body">
          <RuleText ctx={ctx} text={node.description} />
        </p>
      )}
      <SummaryList
        rows={node.items.map((item) => ({
          key: { children: <code dir="ltr">{item.key}</code> },
          value: {
            children: (
              <>
                {item.description && (
                  <p class="govuk-body">
                    <RuleText ctx={ctx} text={item.description} />
                  </p>
                )}
                <p class="govuk-body-s">
                  <span class="govuk-visually-hidden">{t.t('expressions.how')}: </span>
                  <code class="govuk-!-text-break-word" dir="ltr">
                    {item.source}
                  </code>
                </p>
              </>
            ),
          },
        }))}
      />
    </div>
  );
}
