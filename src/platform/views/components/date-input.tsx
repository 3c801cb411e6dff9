import type { Locale } from '../../i18n/index.ts';
import { platformTranslator } from '../../i18n/catalogs/index.ts';
import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { FormGroup, renderContent, type FormGroupsOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { TextInput } from './text-input.tsx';

export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export interface DateInputItem {
  part: DatePart;
  /** Defaults to the translated part name ("Dag", "Månad", "År"). */
  label?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  value?: string | undefined;
  /** Defaults to `govuk-input--width-2` (`-4` for the year). */
  classes?: string | undefined;
  autocomplete?: string | undefined;
  inputmode?: 'numeric' | 'text' | undefined;
  pattern?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface DateInputProps {
  /** Id of the group; parts get `<id>-day`, `<id>-month`, `<id>-year`. */
  id: string;
  /** Parts are named `<namePrefix>-day` etc.; without a prefix just `day`, `month`, `year`. */
  namePrefix?: string | undefined;
  /** The page's language, for the part labels. */
  locale: Locale;
  /** Keyed by part (`day`) or by full name (`dob-day`). */
  values?: Readonly<Record<string, string | number | undefined>> | undefined;
  /** Replace or reorder the parts (e.g. month and year only). */
  items?: readonly DateInputItem[] | undefined;
  /**
   * The parts an error is about (e.g. only the month is missing): only they are marked red.
   * Without it, an error message marks every part, as GOV.UK does for a date wrong as a whole.
   */
  errorParts?: readonly DatePart[] | undefined;
  /** `bday` fills the parts with `bday-day`, `bday-month`, `bday-year` (date of birth). */
  autocomplete?: 'bday' | undefined;
  fieldset?: FieldsetOptions | undefined;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  classes?: string | undefined;
  formGroup?: FormGroupsOptions | undefined;
  attributes?: Attributes | undefined;
}

function valueOf(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** GOV.UK date input: three text inputs (no native date picker) in a `role="group"` fieldset. */
export function DateInput(props: DateInputProps) {
  const t = platformTranslator(props.locale);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.errorMessage ? `${props.id}-error` : undefined;
  const describedBy = joinIds(props.fieldset?.describedBy, hintId, errorId);
  const namePrefix = props.namePrefix ? `${props.namePrefix}-` : '';
  const items: readonly DateInputItem[] = props.items?.length ? props.items : DATE_PARTS.map((part) => ({ part }));
  const partLabel: Record<DatePart, string> = {
    day: t.t('form.day'),
    month: t.t('form.month'),
    year: t.t('form.year'),
  };
  const inner = (
    <>
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      <div class={classNames('govuk-date-input', props.classes)} {...attrs(props.attributes)} id={props.id}>
        {renderContent(props.formGroup?.beforeInputs)}
        {items.map((item) => {
          const hasError = props.errorParts?.length ? props.errorParts.includes(item.part) : !!props.errorMessage;
          const width = item.classes?.includes('govuk-input--width-')
            ? undefined
            : `govuk-input--width-${item.part === 'year' ? 4 : 2}`;
          return (
            <div class="govuk-date-input__item">
              <TextInput
                label={{ text: item.label ?? partLabel[item.part], classes: 'govuk-date-input__label' }}
                id={item.id ?? `${props.id}-${item.part}`}
                classes={classNames('govuk-date-input__input', hasError && 'govuk-input--error', width, item.classes)}
                name={item.name ?? `${namePrefix}${item.part}`}
                value={valueOf(item.value ?? props.values?.[item.part] ?? props.values?.[`${namePrefix}${item.part}`])}
                type="text"
                inputmode={item.inputmode ?? 'numeric'}
                autocomplete={
                  item.autocomplete ?? (props.autocomplete ? `${props.autocomplete}-${item.part}` : undefined)
                }
                pattern={item.pattern}
                attributes={item.attributes}
              />
            </div>
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
      {props.fieldset ? (
        // role="group": JAWS does not announce the description of a fieldset of text inputs otherwise.
        <Fieldset {...props.fieldset} role="group" describedBy={describedBy}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </FormGroup>
  );
}
