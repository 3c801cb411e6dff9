import type { ComponentChildren } from 'preact';
import { attrs, classNames, hasContent, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { FormGroup, renderContent, type FormGroupsOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label } from './label.tsx';

export interface ChoiceItem {
  value: string;
  text?: string | undefined;
  /** Label content as JSX, instead of `text`. */
  children?: ComponentChildren;
  /** Defaults to the id prefix for the first item (so the error summary can link to it), then `<prefix>-<n>`. */
  id?: string | undefined;
  hint?: ContentWithClasses | undefined;
  checked?: boolean | undefined;
  disabled?: boolean | undefined;
  /** Content revealed when the item is chosen (progressive enhancement; shown when checked without script). */
  conditional?: ComponentChildren;
  label?: { classes?: string | undefined; attributes?: Attributes | undefined } | undefined;
  attributes?: Attributes | undefined;
}

/** A word between options, e.g. "eller" before "None of these". */
export interface ChoiceDivider {
  divider: string;
}

export type ChoiceEntry = ChoiceItem | ChoiceDivider | null | false | undefined;

export function isDivider(item: ChoiceItem | ChoiceDivider): item is ChoiceDivider {
  return 'divider' in item;
}

export interface RadiosProps {
  name: string;
  /** Prefix for item ids, hint and error; defaults to `name`. */
  idPrefix?: string | undefined;
  /** The chosen value (e.g. kept from the submitted form). */
  value?: string | undefined;
  items: readonly ChoiceEntry[];
  fieldset?: FieldsetOptions | undefined;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  /** `govuk-radios--inline`, `govuk-radios--small`. */
  classes?: string | undefined;
  formGroup?: FormGroupsOptions | undefined;
  attributes?: Attributes | undefined;
}

/** Shared by radios and checkboxes: ids follow GOV.UK (first item = prefix, then prefix-n, counting dividers). */
export function itemIdOf(idPrefix: string, item: ChoiceItem, index: number): string {
  return item.id ?? (index > 1 ? `${idPrefix}-${index}` : idPrefix);
}

/** GOV.UK radios, in a fieldset when one is given, with conditional reveals and dividers. */
export function Radios(props: RadiosProps) {
  const idPrefix = props.idPrefix ?? props.name;
  const hintId = props.hint ? `${idPrefix}-hint` : undefined;
  const errorId = props.errorMessage ? `${idPrefix}-error` : undefined;
  const describedBy = joinIds(props.fieldset?.describedBy, hintId, errorId);
  const inner = (
    <>
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      <div class={classNames('govuk-radios', props.classes)} {...attrs(props.attributes)} data-module="govuk-radios">
        {renderContent(props.formGroup?.beforeInputs)}
        {props.items.map((item, i) => {
          if (!item) return null;
          if (isDivider(item)) return <div class="govuk-radios__divider">{item.divider}</div>;
          const itemId = itemIdOf(idPrefix, item, i + 1);
          const conditionalId = `conditional-${itemId}`;
          const checked = item.checked ?? (props.value !== undefined && props.value !== '' && item.value === props.value);
          const hasHint = hasContent(item.hint);
          const itemHintId = `${itemId}-item-hint`;
          const hasConditional = item.conditional !== undefined && item.conditional !== null && item.conditional !== false;
          return (
            <>
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={itemId}
                  name={props.name}
                  type="radio"
                  value={item.value}
                  checked={checked || undefined}
                  disabled={item.disabled || undefined}
                  data-aria-controls={hasConditional ? conditionalId : undefined}
                  aria-describedby={hasHint ? itemHintId : undefined}
                  {...attrs(item.attributes)}
                />
                <Label text={item.text} classes={classNames('govuk-radios__label', item.label?.classes)} attributes={item.label?.attributes} for={itemId}>
                  {item.children}
                </Label>
                {hasHint && <Hint {...item.hint} id={itemHintId} classes={classNames('govuk-radios__hint', item.hint?.classes)} />}
              </div>
              {hasConditional && (
                <div class={classNames('govuk-radios__conditional', !checked && 'govuk-radios__conditional--hidden')} id={conditionalId}>
                  {item.conditional}
                </div>
              )}
            </>
          );
        })}
        {renderContent(props.formGroup?.afterInputs)}
      </div>
    </>
  );
  return (
    <FormGroup hasError={!!props.errorMessage} classes={props.formGroup?.classes} attributes={props.formGroup?.attributes}>
      {props.fieldset ? (
        <Fieldset {...props.fieldset} describedBy={describedBy}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </FormGroup>
  );
}
