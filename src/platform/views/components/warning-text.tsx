import type { ComponentChildren } from 'preact';
import type { Locale } from '../../i18n/index.ts';
import { attrs, classNames, type Attributes } from './attributes.ts';
import { componentsTranslator } from './components.i18n.ts';

export interface WarningTextProps {
  /** The page's language, for the word screen readers hear instead of the "!" icon. */
  locale: Locale;
  text?: string | undefined;
  children?: ComponentChildren;
  iconFallbackText?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK warning text, for something with legal or financial consequences. */
export function WarningText(props: WarningTextProps) {
  const fallback = props.iconFallbackText || componentsTranslator(props.locale).t('warningText.iconFallback');
  return (
    <div class={classNames('govuk-warning-text', props.classes)} {...attrs(props.attributes)}>
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{fallback}</span> {props.children ?? props.text}
      </strong>
    </div>
  );
}
