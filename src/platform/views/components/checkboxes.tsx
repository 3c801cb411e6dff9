import { attrs, classNames, hasContent, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { FormGroup, renderContent, type FormGroupsOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label } from './label.tsx';
import { isDivider, itemIdOf, type ChoiceDivider, type ChoiceItem } from './radios.tsx';

export interface CheckboxItem extends ChoiceItem {
  /** Defaults to the group's name. */
  name?: string | undefined;
  /** `exclusive`: choosing it unticks the others ("None of these"). */
  behaviour?: 'exclusive' | undefined;
}

export interface CheckboxesProps {
  name: string;
  idPrefix?: string | undefined;
  /** The ticked values (e.g. kept from the submitted form). */
  values?: readonly string[] | undefined;
  items: readonly (CheckboxItem | ChoiceDivider | null | false | undefined)[];
  fieldset?: FieldsetOptions | undefined;
  describedBy?: string | undefined;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  /** `govuk-checkboxes--small`. */
  classes?: string | undefined;
  formGroup?: FormGroupsOptions | undefined;
  attributes?: Attributes | undefined;
}

/**
 * GOV.UK checkboxes. Without a fieldset (a single checkbox) each input carries the hint and
 * error in its own `aria-describedby`; with one, the fieldset does.
 */
export function Checkboxes(props: CheckboxesProps) {
  const idPrefix = props.idPrefix ?? props.name;
  const hintId = props.hint ? `${idPrefix}-hint` : undefined;
  const errorId = props.errorMessage ? `${idPrefix}-error` : undefined;
  const describedBy = joinIds(props.fieldset?.describedBy ?? props.describedBy, hintId, errorId);
  const hasFieldset = !!props.fieldset;
  const values = props.values ?? [];
  const inner = (
    <>
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      <div class={classNames('govuk-checkboxes', props.classes)} {...attrs(props.attributes)} data-module="govuk-checkboxes">
        {renderContent(props.formGroup?.beforeInputs)}
        {props.items.map((item, i) => {
          if (!item) return null;
          if (isDivider(item)) return <div class="govuk-checkboxes__divider">{item.divider}</div>;
          const itemId = itemIdOf(idPrefix, item, i + 1);
          const conditionalId = `conditional-${itemId}`;
          const checked = item.checked ?? values.includes(item.value);
          const hasHint = hasContent(item.hint);
          const itemHintId = hasHint ? `${itemId}-item-hint` : undefined;
          const itemDescribedBy = joinIds(hasFieldset ? undefined : describedBy, itemHintId);
          const hasConditional = item.conditional !== undefined && item.conditional !== null && item.conditional !== false;
          return (
            <>
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={itemId}
                  name={item.name ?? props.name}
                  type="checkbox"
                  value={item.value}
                  checked={checked || undefined}
                  disabled={item.disabled || undefined}
                  data-aria-controls={hasConditional ? conditionalId : undefined}
                  data-behaviour={item.behaviour}
                  aria-describedby={itemDescribedBy}
                  {...attrs(item.attributes)}
                />
                <Label text={item.text} classes={classNames('govuk-checkboxes__label', item.label?.classes)} attributes={item.label?.attributes} for={itemId}>
                  {item.children}
                </Label>
                {hasHint && <Hint {...item.hint} id={itemHintId} classes={classNames('govuk-checkboxes__hint', item.hint?.classes)} />}
              </div>
              {hasConditional && (
                <div class={classNames('govuk-checkboxes__conditional', !checked && 'govuk-checkboxes__conditional--hidden')} id={conditionalId}>
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
      {hasFieldset ? (
        <Fieldset {...props.fieldset} describedBy={describedBy}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </FormGroup>
  );
}
