import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { CaseDocumentInfo } from './e-services.schema.ts';
import { DocumentList } from './shared.views.tsx';

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
    expect(renderToString(<DocumentList {...common} empty="Det finns inga brev ännu." />)).toBe('<p class="govuk-body">Det finns inga brev ännu.</p>');
    expect(renderToString(<DocumentList {...common} />)).toBe('');
  });
});
