import {
  attrs,
  classNames,
  contentOf,
  hasContent,
  joinIds,
  type Attributes,
  type ContentWithClasses,
} from './attributes.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { FormGroup, renderContent, type FormGroupOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label, type LabelProps } from './label.tsx';

export interface TextInputProps {
  name: string;
  /** Defaults to `name`; the error summary links here. */
  id?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'password' | 'search' | 'date' | 'time' | undefined;
  value?: string | undefined;
  label: Omit<LabelProps, 'for'>;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  /** Ids of other elements that describe the input, before the hint and error. */
  describedBy?: string | undefined;
  /** Width and other modifiers, e.g. `govuk-input--width-10`. */
  classes?: string | undefined;
  autocomplete?: string | undefined;
  autocapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words' | 'characters' | undefined;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | undefined;
  pattern?: string | undefined;
  spellcheck?: boolean | undefined;
  disabled?: boolean | undefined;
  prefix?: ContentWithClasses | undefined;
  suffix?: ContentWithClasses | undefined;
  inputWrapper?: { classes?: string | undefined; attributes?: Attributes | undefined } | undefined;
  formGroup?: FormGroupOptions | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK text input: label, hint and error wired to the input with `for` and `aria-describedby`. */
export function TextInput(props: TextInputProps) {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errorMessage ? `${id}-error` : undefined;
  const describedBy = joinIds(props.describedBy, hintId, errorId);
  const hasPrefix = hasContent(props.prefix);
  const hasSuffix = hasContent(props.suffix);
  const before = props.formGroup?.beforeInput;
  const after = props.formGroup?.afterInput;
  const input = (
    <input
      class={classNames('govuk-input', props.classes, props.errorMessage && 'govuk-input--error')}
      id={id}
      name={props.name}
      type={(props.type ?? 'text') as 'text'}
      spellcheck={props.spellcheck}
      value={props.value}
      disabled={props.disabled || undefined}
      aria-describedby={describedBy}
      autocomplete={props.autocomplete}
      autocapitalize={props.autocapitalize}
      pattern={props.pattern}
      inputmode={props.inputmode}
      {...attrs(props.attributes)}
    />
  );
  const affix = (item: ContentWithClasses | undefined, kind: 'prefix' | 'suffix') => (
    <div class={classNames(`govuk-input__${kind}`, item?.classes)} aria-hidden="true" {...attrs(item?.attributes)}>
      {contentOf(item)}
    </div>
  );
  return (
    <FormGroup
      hasError={!!props.errorMessage}
      classes={props.formGroup?.classes}
      attributes={props.formGroup?.attributes}
    >
      <Label {...props.label} for={id} />
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      {hasPrefix || hasSuffix || hasContent(before) || hasContent(after) ? (
        <div
          class={classNames('govuk-input__wrapper', props.inputWrapper?.classes)}
          {...attrs(props.inputWrapper?.attributes)}
        >
          {hasContent(before) && renderContent(before)}
          {hasPrefix && affix(props.prefix, 'prefix')}
          {input}
          {hasSuffix && affix(props.suffix, 'suffix')}
          {hasContent(after) && renderContent(after)}
        </div>
      ) : (
        input
      )}
    </FormGroup>
  );
}
