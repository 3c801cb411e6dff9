import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { FormGroup, renderContent, type FormGroupOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label, type LabelProps } from './label.tsx';

export interface SelectItem {
  /** Omitted: the option's value is its text, as in HTML. */
  value?: string | undefined;
  text: string;
  selected?: boolean | undefined;
  disabled?: boolean | undefined;
  attributes?: Attributes | undefined;
}

export interface SelectProps {
  name: string;
  id?: string | undefined;
  /** The chosen value; selects the matching option. */
  value?: string | undefined;
  items?: readonly (SelectItem | null | false | undefined)[] | undefined;
  label: Omit<LabelProps, 'for'>;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  describedBy?: string | undefined;
  classes?: string | undefined;
  disabled?: boolean | undefined;
  formGroup?: FormGroupOptions | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK select. Prefer radios for fewer than about seven options. */
export function Select(props: SelectProps) {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errorMessage ? `${id}-error` : undefined;
  const describedBy = joinIds(props.describedBy, hintId, errorId);
  return (
    <FormGroup
      hasError={!!props.errorMessage}
      classes={props.formGroup?.classes}
      attributes={props.formGroup?.attributes}
    >
      <Label {...props.label} for={id} />
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      {renderContent(props.formGroup?.beforeInput)}
      <select
        class={classNames('govuk-select', props.classes, props.errorMessage && 'govuk-select--error')}
        id={id}
        name={props.name}
        disabled={props.disabled || undefined}
        aria-describedby={describedBy}
        {...attrs(props.attributes)}
      >
        {(props.items ?? []).map((item) => {
          if (!item) return null;
          const effective = item.value ?? item.text;
          const selected =
            item.selected ?? (props.value !== undefined && props.value !== '' && effective === props.value);
          return (
            <option
              value={item.value}
              selected={selected || undefined}
              disabled={item.disabled || undefined}
              {...attrs(item.attributes)}
            >
              {item.text}
            </option>
          );
        })}
      </select>
      {renderContent(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
