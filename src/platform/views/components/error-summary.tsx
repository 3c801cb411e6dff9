import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface ErrorSummaryItem {
  text?: string | undefined;
  children?: ComponentChildren;
  /** `#<id of the field>` (for a date: its first part with an error); no link when omitted. */
  href?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface ErrorSummaryProps {
  /** "Det finns ett problem" / "There is a problem" (`form.errorSummaryTitle`). */
  titleText?: string | undefined;
  titleChildren?: ComponentChildren;
  descriptionText?: string | undefined;
  children?: ComponentChildren;
  errorList: readonly ErrorSummaryItem[];
  /** The summary takes focus on load (GOV.UK Frontend's script) unless disabled. */
  disableAutoFocus?: boolean | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/**
 * GOV.UK error summary: at the top of the main content, one link per field. GOV.UK Frontend's
 * script focuses it on load (setting `tabindex="-1"` while it has focus) and moves focus to the
 * field, scrolled so its label is in view, when a link is followed.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  const description = props.children ?? props.descriptionText;
  return (
    <div
      class={classNames('govuk-error-summary', props.classes)}
      data-disable-auto-focus={props.disableAutoFocus === undefined ? undefined : String(props.disableAutoFocus)}
      {...attrs(props.attributes)}
      data-module="govuk-error-summary"
    >
      {/* role="alert" sits on a child so the focus and the announcement do not race (as GOV.UK does). */}
      <div role="alert">
        <h2 class="govuk-error-summary__title">{props.titleChildren ?? props.titleText}</h2>
        <div class="govuk-error-summary__body">
          {description !== undefined && description !== null && <p>{description}</p>}
          {props.errorList.length > 0 && (
            <ul class="govuk-list govuk-error-summary__list">
              {props.errorList.map((item) => (
                <li>
                  {item.href ? (
                    <a href={item.href} {...attrs(item.attributes)}>
                      {item.children ?? item.text}
                    </a>
                  ) : (
                    (item.children ?? item.text)
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
