import type { ComponentChildren } from 'preact';
import type { Locale } from '../../i18n/index.ts';
import { attrs, classNames, type Attributes } from './attributes.ts';
import { componentsTranslator } from './components.i18n.ts';

export interface TabItem {
  /** Defaults to `<idPrefix>-<n>`. */
  id?: string | undefined;
  label: string;
  panel: { text?: string | undefined; children?: ComponentChildren; attributes?: Attributes | undefined };
  attributes?: Attributes | undefined;
}

export interface TabsProps {
  /** The page's language, for the default title ("Innehåll"). */
  locale: Locale;
  id?: string | undefined;
  idPrefix?: string | undefined;
  /** Heading over the tab list (shown without script, where the tabs are a list of links). */
  title?: string | undefined;
  items: readonly (TabItem | null | undefined | false)[];
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK tabs: a table of contents plus sections without script; tabs with it. */
export function Tabs(props: TabsProps) {
  const c = componentsTranslator(props.locale);
  const panelId = (item: TabItem, index: number) => item.id ?? `${props.idPrefix ?? ''}-${index}`;
  return (
    <div
      id={props.id}
      class={classNames('govuk-tabs', props.classes)}
      {...attrs(props.attributes)}
      data-module="govuk-tabs"
    >
      <h2 class="govuk-tabs__title">{props.title ?? c.t('tabs.title')}</h2>
      {props.items.length > 0 && (
        <>
          <ul class="govuk-tabs__list">
            {props.items.map((item, i) =>
              item ? (
                <li class={classNames('govuk-tabs__list-item', i === 0 && 'govuk-tabs__list-item--selected')}>
                  <a class="govuk-tabs__tab" href={`#${panelId(item, i + 1)}`} {...attrs(item.attributes)}>
                    {item.label}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
          {props.items.map((item, i) =>
            item ? (
              <div
                class={classNames('govuk-tabs__panel', i > 0 && 'govuk-tabs__panel--hidden')}
                id={panelId(item, i + 1)}
                {...attrs(item.panel.attributes)}
              >
                {item.panel.children ??
                  (item.panel.text !== undefined ? <p class="govuk-body">{item.panel.text}</p> : null)}
              </div>
            ) : null,
          )}
        </>
      )}
    </div>
  );
}
