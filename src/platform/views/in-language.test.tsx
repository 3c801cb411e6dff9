import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { InLanguage, MixedLanguageText } from './in-language.tsx';

describe('InLanguage', () => {
  it('marks Swedish on an Arabic page with its language and left-to-right direction', () => {
    expect(
      renderToString(
        <InLanguage lang="sv" page="ar">
          SkolL 20 kap. 33 §
        </InLanguage>,
      ),
    ).toBe('<span lang="sv" dir="ltr">SkolL 20 kap. 33 §</span>');
  });

  it('marks Swedish on an English page with its language only: the direction is the same', () => {
    expect(
      renderToString(
        <InLanguage lang="sv" page="en">
          Lagrum
        </InLanguage>,
      ),
    ).toBe('<span lang="sv">Lagrum</span>');
  });

  it('marks Persian on a Swedish page right-to-left', () => {
    expect(
      renderToString(
        <InLanguage lang="fa" page="sv">
          سلام.
        </InLanguage>,
      ),
    ).toBe('<span lang="fa" dir="rtl">سلام.</span>');
  });

  it('adds nothing in the page’s own language: no attribute, no element unless it has a class or an id', () => {
    expect(
      renderToString(
        <InLanguage lang="ar" page="ar">
          نص
        </InLanguage>,
      ),
    ).toBe('نص');
    expect(
      renderToString(
        <InLanguage lang="sv" page="sv" as="div" id="motivation">
          Text
        </InLanguage>,
      ),
    ).toBe('<div id="motivation">Text</div>');
  });

  it('renders a block as a div with its class and id', () => {
    expect(
      renderToString(
        <InLanguage lang="sv" page="uk" as="div" class="smb-motivation" id="motivation">
          <p>Text</p>
        </InLanguage>,
      ),
    ).toBe('<div lang="sv" class="smb-motivation" id="motivation"><p>Text</p></div>');
  });
});

describe('MixedLanguageText', () => {
  it('marks the fragments of a message and leaves the rest as text', () => {
    expect(
      renderToString(<MixedLanguageText parts={['«صفحاتي» (', { lang: 'sv', text: 'Mina sidor' }, ')']} page="ar" />),
    ).toBe('«صفحاتي» (<span lang="sv" dir="ltr">Mina sidor</span>)');
  });
});
