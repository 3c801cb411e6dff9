import { attrs, classNames, contentOf, hasContent, type ContentWithClasses } from './attributes.ts';

export interface LabelProps extends ContentWithClasses {
  /** Wraps the label in an `<h1>`: for a one-question page whose question is the label. */
  isPageHeading?: boolean | undefined;
  for?: string | undefined;
}

/** GOV.UK label; renders nothing without text. */
export function Label(props: LabelProps) {
  if (!hasContent(props)) return null;
  const label = (
    <label class={classNames('govuk-label', props.classes)} {...attrs(props.attributes)} for={props.for}>
      {contentOf(props)}
    </label>
  );
  return props.isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label;
}
