import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { caseworkerTranslator } from './caseworker.i18n.ts';
import type { CaseDocumentInfo, CaseMessage } from './e-services.schema.ts';
import { myPagesTranslator } from './my-pages.i18n.ts';
import { DocumentList, MessageList } from './shared.views.tsx';

const doc = (id: string, filename: string, size: number): CaseDocumentInfo => ({
  id,
  kind: 'letter',
  filename,
  contentType: 'application/pdf',
  size,
  sha256: '0'.repeat(64),
  uploadedBy: 'system',
  createdAt: new Date('2026-03-02T10:00:00Z'),
});

describe('DocumentList', () => {
  it('renders each document as a download link under the case, then its details, with names escaped', () => {
    const html = renderToString(
      <DocumentList
        documents={[doc('d1', 'beslut.pdf', 1000), doc('d2', '<b>&.pdf', 2000)]}
        caseHref="/mina-sidor/arenden/c1"
        linkText={(d) => `Ladda ner ${d.filename}`}
        details={(d) => `(PDF, ${d.size} B)`}
        empty="Inga"
      />,
    );
    expect(html).toBe(
      '<ul class="govuk-list">' +
        '<li><a class="govuk-link" href="/mina-sidor/arenden/c1/dokument/d1" download>Ladda ner beslut.pdf</a> (PDF, 1000 B)</li>' +
        '<li><a class="govuk-link" href="/mina-sidor/arenden/c1/dokument/d2" download>Ladda ner &lt;b>&amp;.pdf</a> (PDF, 2000 B)</li>' +
        '</ul>',
    );
  });

  it('says so in a paragraph when empty and it is given a text, else renders nothing', () => {
    const common = { documents: [], caseHref: '/x', linkText: () => '', details: () => '' };
    expect(renderToString(<DocumentList {...common} empty="Det finns inga brev ännu." />)).toBe(
      '<p class="govuk-body">Det finns inga brev ännu.</p>',
    );
    expect(renderToString(<DocumentList {...common} />)).toBe('');
  });
});

describe('MessageList', () => {
  const at = (iso: string) => new Date(iso);
  const messages: CaseMessage[] = [
    {
      id: 'm1',
      senderKind: 'system',
      senderId: null,
      body: 'Beslut fattat.',
      createdAt: at('2026-03-02T09:00:00Z'),
      readAt: at('2026-03-02T12:00:00Z'),
    },
    {
      id: 'm2',
      senderKind: 'applicant',
      senderId: 'u1',
      body: 'Hej!\nEn fråga <b>',
      createdAt: at('2026-03-03T09:00:00Z'),
      readAt: null,
    },
    {
      id: 'm3',
      senderKind: 'caseworker',
      senderId: 'w1',
      body: 'Svar',
      createdAt: at('2026-03-04T09:00:00Z'),
      readAt: null,
    },
  ];
  // [sender, the read receipt after the time or null], per message.
  const receipts = (html: string) =>
    [...html.matchAll(/data-sender="(\w+)"><p[^>]*>.*?<\/time>(?: · ([^<]*))?<\/p>/g)].map((m) => [
      m[1],
      m[2]?.replace(/ \d.*$/, '') ?? null,
    ]);

  it('shows the applicant read receipts on their own messages only', () => {
    const html = renderToString(<MessageList t={myPagesTranslator('sv')} messages={messages} reader="applicant" />);
    expect(receipts(html)).toEqual([
      ['system', null],
      ['applicant', 'Inte läst än'],
      ['caseworker', null],
    ]);
    expect(html).toContain('<time datetime="2026-03-03T09:00:00.000Z">');
    expect(html).toContain('Hej!<br/>En fråga &lt;b>');
  });

  it('shows a caseworker read receipts on the caseworkers’ and the system’s messages', () => {
    const html = renderToString(<MessageList t={caseworkerTranslator('en')} messages={messages} reader="caseworker" />);
    expect(receipts(html)).toEqual([
      ['system', 'Read by the recipient'],
      ['applicant', null],
      ['caseworker', 'Not read by the recipient'],
    ]);
  });

  it('marks the system’s messages with the case’s language and the caseworker’s as Swedish, never the applicant’s', () => {
    const html = renderToString(
      <MessageList
        t={myPagesTranslator('ar')}
        messages={messages}
        reader="applicant"
        languages={{ page: 'ar', case: 'uk' }}
      />,
    );
    const bodies = [...html.matchAll(/<\/p>(<div[^>]*>)?<p class="govuk-body">/g)].map((m) => m[1] ?? null);
    expect(bodies).toEqual(['<div lang="uk" dir="ltr">', null, '<div lang="sv" dir="ltr">']);
  });

  it('says there are none when there are none', () => {
    expect(renderToString(<MessageList t={myPagesTranslator('en')} messages={[]} reader="applicant" />)).toBe(
      '<p class="govuk-body">There are no messages.</p>',
    );
  });
});
