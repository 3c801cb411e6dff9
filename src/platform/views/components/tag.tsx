import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export type TagColour =
  'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export interface TagProps {
  text?: string | undefined;
  children?: ComponentChildren;
  /** GOV.UK's tested colour pairs; default is blue. Never the only carrier of meaning. */
  colour?: TagColour | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK tag, for a status such as "Beviljad" or "Inskickad". */
export function Tag(props: TagProps) {
  return (
    <strong
      class={classNames('govuk-tag', props.colour && `govuk-tag--${props.colour}`, props.classes)}
      {...attrs(props.attributes)}
    >
      {props.children ?? props.text}
    </strong>
  );
}
