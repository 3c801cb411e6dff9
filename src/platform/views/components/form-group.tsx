import type { ComponentChildren } from 'preact';
import { attrs, classNames, contentOf, type Attributes, type Content } from './attributes.ts';

/** Options for the `govuk-form-group` wrapper every field has. */
export interface FormGroupOptions {
  classes?: string | undefined;
  attributes?: Attributes | undefined;
  /** Content right before / after the control (inputs, textarea, select, file upload). */
  beforeInput?: Content | undefined;
  afterInput?: Content | undefined;
}

/** Options for the wrapper of a group of controls (radios, checkboxes, date parts). */
export interface FormGroupsOptions {
  classes?: string | undefined;
  attributes?: Attributes | undefined;
  beforeInputs?: Content | undefined;
  afterInputs?: Content | undefined;
}

/** The `govuk-form-group` wrapper; the red error bar comes from `govuk-form-group--error`. */
export function FormGroup(props: {
  hasError: boolean;
  classes?: string | undefined;
  attributes?: Attributes | Record<string, unknown> | undefined;
  children: ComponentChildren;
}) {
  return (
    <div
      class={classNames('govuk-form-group', props.hasError && 'govuk-form-group--error', props.classes)}
      {...attrs(props.attributes as Attributes)}
    >
      {props.children}
    </div>
  );
}

export function renderContent(content: Content | undefined): ComponentChildren {
  return content ? contentOf(content) : null;
}
