import type { ComponentChildren } from 'preact';
import { attrs, classNames, hasContent, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { Hint } from './hint.tsx';
import { Label } from './label.tsx';

/** One option of GOV.UK radios or checkboxes. */
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

/** Shared by radios and checkboxes: ids follow GOV.UK (first item = prefix, then prefix-n, counting dividers). */
export function itemIdOf(idPrefix: string, item: ChoiceItem, index: number): string {
  return item.id ?? (index > 1 ? `${idPrefix}-${index}` : idPrefix);
}

export interface ChoiceItemProps {
  /** The component family: class names `govuk-<kind>__…` and the input type. */
  kind: 'radios' | 'checkboxes';
  item: ChoiceItem;
  /** The input's id (see `itemIdOf`); the item hint and the conditional reveal are named after it. */
  id: string;
  name: string;
  checked: boolean;
  /** Ids the input is described by before its own hint (a checkbox outside a fieldset: the group's hint and error). */
  describedBy?: string | undefined;
  /** Checkboxes only: `exclusive` unticks the others ("None of these"). */
  behaviour?: 'exclusive' | undefined;
}

/**
 * The markup of one radio or checkbox, as GOV.UK Frontend writes it for both: the item (input,
 * label, item hint) and, after it, the conditional reveal, hidden unless the item is chosen.
 */
export function ChoiceItem({ kind, item, id, name, checked, describedBy, behaviour }: ChoiceItemProps) {
  const conditionalId = `conditional-${id}`;
  const hintId = hasContent(item.hint) ? `${id}-item-hint` : undefined;
  const hasConditional = item.conditional !== undefined && item.conditional !== null && item.conditional !== false;
  return (
    <>
      <div class={`govuk-${kind}__item`}>
        <input
          class={`govuk-${kind}__input`}
          id={id}
          name={name}
          type={kind === 'radios' ? 'radio' : 'checkbox'}
          value={item.value}
          checked={checked || undefined}
          disabled={item.disabled || undefined}
          data-aria-controls={hasConditional ? conditionalId : undefined}
          data-behaviour={behaviour}
          aria-describedby={joinIds(describedBy, hintId)}
          {...attrs(item.attributes)}
        />
        <Label
          text={item.text}
          classes={classNames(`govuk-${kind}__label`, item.label?.classes)}
          attributes={item.label?.attributes}
          for={id}
        >
          {item.children}
        </Label>
        {hintId && <Hint {...item.hint} id={hintId} classes={classNames(`govuk-${kind}__hint`, item.hint?.classes)} />}
      </div>
      {hasConditional && (
        <div
          class={classNames(`govuk-${kind}__conditional`, !checked && `govuk-${kind}__conditional--hidden`)}
          id={conditionalId}
        >
          {item.conditional}
        </div>
      )}
    </>
  );
}
