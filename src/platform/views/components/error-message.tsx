import { attrs, classNames, contentOf, type ContentWithClasses } from './attributes.ts';

/**
 * A field's error. `visuallyHiddenText` is the prefix screen readers hear before the message
 * ("Fel" / "Error", from `form.errorPrefix`); it is required so no page forgets to translate
 * it. `false` leaves it out.
 */
export interface ErrorText extends ContentWithClasses {
  visuallyHiddenText: string | false;
}

export interface ErrorMessageProps extends ErrorText {
  id?: string | undefined;
}

export function ErrorMessage(props: ErrorMessageProps) {
  return (
    <p id={props.id} class={classNames('govuk-error-message', props.classes)} {...attrs(props.attributes)}>
      {props.visuallyHiddenText ? (
        <>
          <span class="govuk-visually-hidden">{props.visuallyHiddenText}:</span> {contentOf(props)}
        </>
      ) : (
        contentOf(props)
      )}
    </p>
  );
}
