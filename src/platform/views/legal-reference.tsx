import type { Locale } from '../i18n/locales.ts';
import { presentLegalReference } from '../legal/legal-reference.ts';
import { InLanguage } from './in-language.tsx';

/**
 * A legal reference as a reader sees it: the Swedish citation ("skollagen (2010:800) 20 kap.
 * 31 §"), marked Swedish on a page in another language, and linked to the act's published text
 * when it has one (a bill or a process rule has not).
 */
export function LegalReferenceLink({
  source,
  page,
  class: className,
}: {
  source: string;
  page: Locale;
  class?: string;
}) {
  const { text, url } = presentLegalReference(source);
  return (
    <InLanguage lang="sv" page={page} class={className}>
      {url ? (
        <a class="govuk-link" href={url} rel="external noreferrer">
          {text}
        </a>
      ) : (
        text
      )}
    </InLanguage>
  );
}
