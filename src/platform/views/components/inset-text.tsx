import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface InsetTextProps {
  id?: string | undefined;
  text?: string | undefined;
  children?: ComponentChildren;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK inset text: a quote, example or extra information set off from the text around it. */
export function InsetText(props: InsetTextProps) {
  return (
    <div id={props.id} class={classNames('govuk-inset-text', props.classes)} {...attrs(props.attributes)}>
      {props.children ?? props.text}
    </div>
  );
}
