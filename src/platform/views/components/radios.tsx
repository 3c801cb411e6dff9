import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ChoiceItem, isDivider, itemIdOf, type ChoiceEntry } from './choice-item.tsx';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { FormGroup, renderContent, type FormGroupsOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';

// The item types lived here before ChoiceItem had its own file; index.ts still exports them from here.
export { isDivider, itemIdOf, type ChoiceDivider, type ChoiceEntry, type ChoiceItem } from './choice-item.tsx';

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
          const checked =
            item.checked ?? (props.value !== undefined && props.value !== '' && item.value === props.value);
          return <ChoiceItem kind="radios" item={item} id={itemId} name={props.name} checked={checked} />;
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
