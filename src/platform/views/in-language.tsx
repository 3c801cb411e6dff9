import type { ComponentChildren } from 'preact';
import { directionOf, type Locale } from '../i18n/locales.ts';
import type { MessagePart } from '../i18n/translator.ts';

export interface InLanguageProps {
  /** The fragment's language. */
  lang: Locale;
  /** The language of the page around it. */
  page: Locale;
  /** `div` for a block of text (paragraphs, a list); a `span` otherwise. */
  as?: 'span' | 'div';
  class?: string;
  id?: string;
  children: ComponentChildren;
}

/**
 * A fragment in another language than the page (a caseworker's Swedish motivation, a legal
 * reference, the Swedish wording of a rule on an Arabic page), marked with its `lang` so screen
 * readers switch voice (WCAG 3.1.2, language of parts), and with its own `dir` when its direction
 * differs from the page's, so its punctuation stays at its own end. Explicit values, never
 * `dir="auto"`: the fragment's language is known. In the page's own language it adds nothing
 * (no element, unless it is given a class or an id).
 */
export function InLanguage({ lang, page, as: Tag = 'span', class: className, id, children }: InLanguageProps) {
  const differs = lang !== page;
  const dir = directionOf(lang) !== directionOf(page) ? directionOf(lang) : undefined;
  // Nothing to say about the fragment: no element around it either.
  if (!differs && className === undefined && id === undefined) return <>{children}</>;
  return (
    <Tag lang={differs ? lang : undefined} dir={dir} class={className} id={id}>
      {children}
    </Tag>
  );
}

/**
 * A message's pieces (`Translator.parts`) with each fragment in another language marked by
 * InLanguage: `«صفحاتي» (<span lang="sv" dir="ltr">Mina sidor</span>)`.
 */
export function MixedLanguageText({ parts, page }: { parts: readonly MessagePart[]; page: Locale }) {
  return (
    <>
      {parts.map((part) =>
        typeof part === 'string' ? (
          part
        ) : (
          <InLanguage lang={part.lang} page={page}>
            {part.text}
          </InLanguage>
        ),
      )}
    </>
  );
}
