import type { Locale } from '../../platform/i18n/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { Pagination, Tag, type TagColour } from '../../platform/views/components/index.ts';
import { InLanguage } from '../../platform/views/in-language.tsx';
import type { CaseDocumentInfo, CaseMessage, CaseStatus, DocumentContentType } from './e-services.schema.ts';

const STATUS_COLOUR: Record<CaseStatus, TagColour> = {
  draft: 'grey',
  submitted: 'blue',
  in_progress: 'light-blue',
  decided: 'turquoise',
  closed: 'grey',
  appealed: 'orange',
};

/** A case status as a GOV.UK tag; the text carries the meaning, the colour only helps. */
export function StatusTag({ status, text }: { status: CaseStatus; text: string }) {
  return <Tag colour={STATUS_COLOUR[status]} text={text} />;
}

/** File sizes as people read them, in the page's language: "312 kB", "1,2 MB". */
export function formatBytes(t: Pick<Translator<string>, 'formatNumber'>, bytes: number): string {
  if (bytes < 1024 * 1024)
    return t.formatNumber(Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: 'kilobyte' });
  return t.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
}

export const CONTENT_TYPE_LABEL: Record<DocumentContentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/**
 * A case's documents as download links, each followed by what it is ("(PDF, 312 kB)"), for
 * residents and caseworkers alike; links go to `<caseHref>/dokument/<id>`. With `empty`, an
 * empty list says so in a paragraph; without, it renders nothing.
 */
export function DocumentList<D extends CaseDocumentInfo>(props: {
  documents: readonly D[];
  caseHref: string;
  linkText: (doc: D) => string;
  details: (doc: D) => string;
  empty?: string | undefined;
}) {
  if (props.documents.length === 0) return props.empty === undefined ? null : <p class="govuk-body">{props.empty}</p>;
  return (
    <ul class="govuk-list">
      {props.documents.map((doc) => (
        <li>
          <a class="govuk-link" href={`${props.caseHref}/dokument/${doc.id}`} download>
            {props.linkText(doc)}
          </a>{' '}
          {props.details(doc)}
        </li>
      ))}
    </ul>
  );
}

/** The texts MessageList needs; My pages' and the caseworker's catalogs both have them. */
type MessageListKey =
  | 'messages.empty'
  | 'messages.fromApplicant'
  | 'messages.fromCaseworker'
  | 'messages.fromSystem'
  | 'messages.read'
  | 'messages.unread';

/**
 * A case's messages as given (oldest first): who sent each and when, and on the messages the
 * reader's side sent, whether the other side has read them yet — the applicant sees receipts on
 * their own messages, a caseworker on the caseworkers' and the system's.
 */
export function MessageList({
  t,
  messages,
  reader,
  languages,
}: {
  t: Pick<Translator<MessageListKey>, 't' | 'formatDate'>;
  messages: readonly CaseMessage[];
  reader: 'applicant' | 'caseworker';
  /**
   * The page's language and the language of the case (its system messages are written in it),
   * to mark messages in another language: the system's in the case's, caseworkers' in Swedish.
   * An applicant writes in any language: their messages are not marked.
   */
  languages?: { page: Locale; case: Locale };
}) {
  if (messages.length === 0) return <p class="govuk-body">{t.t('messages.empty')}</p>;
  const from = {
    applicant: t.t('messages.fromApplicant'),
    caseworker: t.t('messages.fromCaseworker'),
    system: t.t('messages.fromSystem'),
  } as const;
  return (
    <ul class="govuk-list smb-messages">
      {messages.map((message) => (
        <li class="smb-message" data-sender={message.senderKind}>
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            <strong>{from[message.senderKind]}</strong> ·{' '}
            <time dateTime={message.createdAt.toISOString()}>{t.formatDate(message.createdAt, 'datetime')}</time>
            {(message.senderKind === 'applicant') === (reader === 'applicant') && (
              <>
                {' '}
                ·{' '}
                {message.readAt
                  ? t.t('messages.read', { date: t.formatDate(message.readAt, 'datetime') })
                  : t.t('messages.unread')}
              </>
            )}
          </p>
          {languages && message.senderKind !== 'applicant' ? (
            <InLanguage as="div" lang={message.senderKind === 'system' ? languages.case : 'sv'} page={languages.page}>
              <MultilineText text={message.body} />
            </InLanguage>
          ) : (
            <MultilineText text={message.body} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Text someone wrote, line breaks kept; Preact escapes every character. */
export function MultilineText({ text, class: className = 'govuk-body' }: { text: string; class?: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <p class={className}>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}

type ServiceNames = Partial<Record<Locale, string>> & { sv: string };

/** The language the service's name is shown in: the reader's, else English, else Swedish. */
function nameLanguage(names: ServiceNames, locale: Locale): Locale {
  return names[locale] !== undefined ? locale : names.en !== undefined ? 'en' : 'sv';
}

/** The service's name in the reader's language, else English, else Swedish. */
export function nameIn(names: ServiceNames, locale: Locale): string {
  return names[nameLanguage(names, locale)]!;
}

/** The service's name as nameIn picks it, marked with its language when that is not the page's. */
export function ServiceName({ names, page }: { names: ServiceNames; page: Locale }) {
  const lang = nameLanguage(names, page);
  return (
    <InLanguage lang={lang} page={page}>
      {names[lang]}
    </InLanguage>
  );
}

/** Numbered page links around the current page (first and last always), keeping the list's filters in `hrefFor`. */
export function PageLinks({
  locale,
  page,
  pageCount,
  hrefFor,
}: {
  locale: Locale;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const wanted = [...new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount))].sort(
    (a, b) => a - b,
  );
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  wanted.forEach((n, i) => {
    if (i > 0 && n - wanted[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page });
  });
  return (
    <Pagination
      locale={locale}
      previous={page > 1 ? { href: hrefFor(page - 1) } : undefined}
      next={page < pageCount ? { href: hrefFor(page + 1) } : undefined}
      items={items}
    />
  );
}
