import type { ComponentChildren } from 'preact';
import type { Locale } from '../../i18n/index.ts';
import { platformTranslator } from '../../i18n/catalogs/index.ts';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface BackLinkProps {
  /** The page's language, for the default text ("Tillbaka" / "Back"). */
  locale: Locale;
  href: string;
  text?: string | undefined;
  children?: ComponentChildren;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK back link: place it before `<main>` (Layout's `beforeContent`). Its arrow flips in right-to-left. */
export function BackLink(props: BackLinkProps) {
  return (
    <a href={props.href} class={classNames('govuk-back-link', props.classes)} {...attrs(props.attributes)}>
      {props.children ?? (props.text || platformTranslator(props.locale).t('site.back'))}
    </a>
  );
}
