import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ChoiceItem, isDivider, itemIdOf, type ChoiceDivider } from './choice-item.tsx';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { FormGroup, renderContent, type FormGroupsOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';

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
      <div
        class={classNames('govuk-checkboxes', props.classes)}
        {...attrs(props.attributes)}
        data-module="govuk-checkboxes"
      >
        {renderContent(props.formGroup?.beforeInputs)}
        {props.items.map((item, i) => {
          if (!item) return null;
          if (isDivider(item)) return <div class="govuk-checkboxes__divider">{item.divider}</div>;
          const itemId = itemIdOf(idPrefix, item, i + 1);
          const checked = item.checked ?? values.includes(item.value);
          return (
            <ChoiceItem
              kind="checkboxes"
              item={item}
              id={itemId}
              name={item.name ?? props.name}
              checked={checked}
              describedBy={hasFieldset ? undefined : describedBy}
              behaviour={item.behaviour}
            />
          );
        })}
        {renderContent(props.formGroup?.afterInputs)}
      </div>
    </>
  );
  return (
    <FormGroup
      hasError={!!props.errorMessage}
      classes={props.formGroup?.classes}
      attributes={props.formGroup?.attributes}
    >
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
