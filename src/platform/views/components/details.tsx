import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface DetailsProps {
  summaryText?: string | undefined;
  summaryChildren?: ComponentChildren;
  text?: string | undefined;
  children?: ComponentChildren;
  open?: boolean | undefined;
  id?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK details: help most readers do not need, behind a native `<details>`. */
export function Details(props: DetailsProps) {
  return (
    <details
      id={props.id}
      class={classNames('govuk-details', props.classes)}
      {...attrs(props.attributes)}
      open={props.open || undefined}
    >
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{props.summaryChildren ?? props.summaryText}</span>
      </summary>
      <div class="govuk-details__text">{props.children ?? props.text}</div>
    </details>
  );
}
