import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface PanelProps {
  titleText?: string | undefined;
  titleChildren?: ComponentChildren;
  text?: string | undefined;
  children?: ComponentChildren;
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK confirmation panel, e.g. "Ansökan skickad" with the reference number. */
export function Panel(props: PanelProps) {
  const Heading = `h${props.headingLevel ?? 1}` as 'h1';
  const body = props.children ?? props.text;
  return (
    <div class={classNames('govuk-panel', 'govuk-panel--confirmation', props.classes)} {...attrs(props.attributes)}>
      <Heading class="govuk-panel__title">{props.titleChildren ?? props.titleText}</Heading>
      {body !== undefined && body !== null && body !== '' && <div class="govuk-panel__body">{body}</div>}
    </div>
  );
}
