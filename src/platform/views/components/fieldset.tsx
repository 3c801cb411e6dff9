import type { ComponentChildren } from 'preact';
import { attrs, classNames, contentOf, hasContent, type Attributes, type ContentWithClasses } from './attributes.ts';

export interface LegendProps extends ContentWithClasses {
  /** Puts the legend text in an `<h1>`: for a one-question page whose question is the legend. */
  isPageHeading?: boolean | undefined;
}

/** Fieldset options as the grouped fields (radios, checkboxes, date input) take them. */
export interface FieldsetOptions {
  legend?: LegendProps | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
  describedBy?: string | undefined;
}

export interface FieldsetProps extends FieldsetOptions {
  role?: 'group' | 'radiogroup' | undefined;
  children?: ComponentChildren;
}

/** GOV.UK fieldset with an optional legend. */
export function Fieldset(props: FieldsetProps) {
  const legend = props.legend;
  return (
    <fieldset
      class={classNames('govuk-fieldset', props.classes)}
      role={props.role}
      aria-describedby={props.describedBy || undefined}
      {...attrs(props.attributes)}
    >
      {legend && hasContent(legend) && (
        <legend class={classNames('govuk-fieldset__legend', legend.classes)}>
          {legend.isPageHeading ? <h1 class="govuk-fieldset__heading">{contentOf(legend)}</h1> : contentOf(legend)}
        </legend>
      )}
      {props.children}
    </fieldset>
  );
}
