import type { Locale } from '../../i18n/index.ts';
import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { componentsTranslator, i18nAttributes, scriptMessages } from './components.i18n.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { FormGroup, renderContent, type FormGroupOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label, type LabelProps } from './label.tsx';

export interface TextareaProps {
  name: string;
  id?: string | undefined;
  value?: string | undefined;
  rows?: number | undefined;
  label: Omit<LabelProps, 'for'>;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  describedBy?: string | undefined;
  classes?: string | undefined;
  autocomplete?: string | undefined;
  spellcheck?: boolean | undefined;
  disabled?: boolean | undefined;
  formGroup?: FormGroupOptions | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK textarea. The value is element content, so Preact escapes it like any text. */
export function Textarea(props: TextareaProps) {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errorMessage ? `${id}-error` : undefined;
  const describedBy = joinIds(props.describedBy, hintId, errorId);
  return (
    <FormGroup
      hasError={!!props.errorMessage}
      classes={props.formGroup?.classes}
      attributes={props.formGroup?.attributes}
    >
      <Label {...props.label} for={id} />
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      {renderContent(props.formGroup?.beforeInput)}
      <textarea
        class={classNames('govuk-textarea', props.errorMessage && 'govuk-textarea--error', props.classes)}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        spellcheck={props.spellcheck}
        disabled={props.disabled || undefined}
        aria-describedby={describedBy}
        autocomplete={props.autocomplete}
        {...attrs(props.attributes)}
        value={props.value ?? ''}
      />
      {renderContent(props.formGroup?.afterInput)}
    </FormGroup>
  );
}

export interface CharacterCountProps extends TextareaProps {
  /** The page's language: the limit text and the script's live messages are in it. */
  locale: Locale;
  maxlength?: number | undefined;
  maxwords?: number | undefined;
  /** Percentage of the limit at which the live count appears. */
  threshold?: number | undefined;
  /** `characters` counts what a reader sees as one character (emoji, combined letters); `length` counts UTF-16 units. */
  countType?: 'length' | 'characters' | 'words' | undefined;
  countMessage?: { classes?: string | undefined } | undefined;
}

/**
 * GOV.UK character count: a textarea with the limit stated in text (read with the field by
 * `aria-describedby`), which GOV.UK Frontend's script turns into a live count. The limit must
 * also be enforced by the route's schema — the count only informs.
 */
export function CharacterCount(props: CharacterCountProps) {
  const { locale, maxlength, maxwords, threshold, countType, countMessage, ...textarea } = props;
  const id = props.id ?? props.name;
  const type = countType ?? (maxwords !== undefined ? 'words' : undefined);
  const words = type === 'words';
  const limit = maxwords ?? maxlength;
  const c = componentsTranslator(locale);
  const description =
    limit !== undefined
      ? c.t(words ? 'characterCount.wordsDescription' : 'characterCount.charactersDescription', { count: limit })
      : undefined;
  const scriptText = {
    ...i18nAttributes('characters-under-limit', scriptMessages(locale, 'characterCount.charactersUnderLimit')),
    ...i18nAttributes('characters-at-limit', scriptMessages(locale, 'characterCount.charactersAtLimit')),
    ...i18nAttributes('characters-over-limit', scriptMessages(locale, 'characterCount.charactersOverLimit')),
    ...i18nAttributes('words-under-limit', scriptMessages(locale, 'characterCount.wordsUnderLimit')),
    ...i18nAttributes('words-at-limit', scriptMessages(locale, 'characterCount.wordsAtLimit')),
    ...i18nAttributes('words-over-limit', scriptMessages(locale, 'characterCount.wordsOverLimit')),
  };
  return (
    <Textarea
      {...textarea}
      id={id}
      describedBy={`${id}-info`}
      classes={classNames('govuk-js-character-count', props.classes)}
      formGroup={{
        ...props.formGroup,
        classes: classNames('govuk-character-count', props.formGroup?.classes),
        attributes: {
          'data-module': 'govuk-character-count',
          'data-maxlength': maxlength,
          'data-maxwords': maxwords,
          'data-threshold': threshold,
          'data-count-type': type,
          ...scriptText,
          ...props.formGroup?.attributes,
        },
        afterInput: {
          children: (
            <>
              <Hint
                id={`${id}-info`}
                classes={classNames('govuk-character-count__message', countMessage?.classes)}
                text={description}
              />
              {renderContent(props.formGroup?.afterInput)}
            </>
          ),
        },
      }}
    />
  );
}
