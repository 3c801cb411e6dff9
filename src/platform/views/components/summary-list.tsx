import type { ComponentChildren } from 'preact';
import { attrs, classNames, contentOf, type Attributes, type ContentWithClasses } from './attributes.ts';

export interface SummaryListAction {
  href: string;
  /** e.g. "Ändra". */
  text?: string | undefined;
  children?: ComponentChildren;
  /**
   * What the action is about, read by screen readers only (e.g. "namn" → "Ändra namn"):
   * several "Ändra" links must be told apart out of context.
   */
  visuallyHiddenText?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface SummaryListRow {
  key: ContentWithClasses;
  value: ContentWithClasses;
  actions?: { items: readonly SummaryListAction[]; classes?: string | undefined } | undefined;
  classes?: string | undefined;
}

export interface SummaryCardOptions {
  title?: (ContentWithClasses & { headingLevel?: 2 | 3 | 4 | 5 | 6 | undefined }) | undefined;
  actions?: { items: readonly SummaryListAction[]; classes?: string | undefined } | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface SummaryListProps {
  rows: readonly (SummaryListRow | null | undefined | false)[];
  /** Wraps the list in a summary card with a title (and card-level actions). */
  card?: SummaryCardOptions | undefined;
  /** `govuk-summary-list--no-border`. */
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

function ActionLink({ action, cardTitle }: { action: SummaryListAction; cardTitle?: ComponentChildren }) {
  const hasCardTitle = cardTitle !== undefined && cardTitle !== null;
  return (
    <a class={classNames('govuk-link', action.classes)} href={action.href} {...attrs(action.attributes)}>
      {action.children ?? action.text}
      {(action.visuallyHiddenText || hasCardTitle) && (
        <span class="govuk-visually-hidden">
          {action.visuallyHiddenText && ` ${action.visuallyHiddenText}`}
          {hasCardTitle && <> ({cardTitle})</>}
        </span>
      )}
    </a>
  );
}

/** GOV.UK summary list ("check your answers"), with change links per row and an optional card. */
export function SummaryList(props: SummaryListProps) {
  const rows = props.rows.filter((r): r is SummaryListRow => !!r);
  const anyRowHasActions = rows.some((r) => (r.actions?.items.length ?? 0) > 0);
  const cardTitle = props.card?.title ? contentOf(props.card.title) : undefined;
  const list = (
    <dl class={classNames('govuk-summary-list', props.classes)} {...attrs(props.attributes)}>
      {rows.map((row) => {
        const actions = row.actions?.items ?? [];
        return (
          <div
            class={classNames(
              'govuk-summary-list__row',
              anyRowHasActions && actions.length === 0 && 'govuk-summary-list__row--no-actions',
              row.classes,
            )}
          >
            <dt class={classNames('govuk-summary-list__key', row.key.classes)}>{contentOf(row.key)}</dt>
            <dd class={classNames('govuk-summary-list__value', row.value.classes)}>{contentOf(row.value)}</dd>
            {actions.length > 0 && (
              <dd class={classNames('govuk-summary-list__actions', row.actions?.classes)}>
                {actions.length === 1 ? (
                  <ActionLink action={actions[0]!} cardTitle={cardTitle} />
                ) : (
                  <ul class="govuk-summary-list__actions-list">
                    {actions.map((action) => (
                      <li class="govuk-summary-list__actions-list-item">
                        <ActionLink action={action} cardTitle={cardTitle} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
  const card = props.card;
  if (!card) return list;
  const Heading = `h${card.title?.headingLevel ?? 2}` as 'h2';
  const cardActions = card.actions?.items ?? [];
  return (
    <div class={classNames('govuk-summary-card', card.classes)} {...attrs(card.attributes)}>
      <div class="govuk-summary-card__title-wrapper">
        {card.title && (
          <Heading class={classNames('govuk-summary-card__title', card.title.classes)}>{cardTitle}</Heading>
        )}
        {cardActions.length === 1 && (
          <div class={classNames('govuk-summary-card__actions', card.actions?.classes)}>
            <ActionLink action={cardActions[0]!} cardTitle={cardTitle} />
          </div>
        )}
        {cardActions.length > 1 && (
          <ul class={classNames('govuk-summary-card__actions', card.actions?.classes)}>
            {cardActions.map((action) => (
              <li class="govuk-summary-card__action">
                <ActionLink action={action} cardTitle={cardTitle} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="govuk-summary-card__content">{list}</div>
    </div>
  );
}
