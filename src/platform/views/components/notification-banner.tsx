import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface NotificationBannerProps {
  /** `success` is announced (`role="alert"`) and focused by GOV.UK's script; `info` is a landmark region. */
  kind?: 'info' | 'success' | undefined;
  title: string;
  /** Content; use `<p class="govuk-notification-banner__heading">` for a one-line message, or `text`. */
  children?: ComponentChildren;
  text?: string | undefined;
  /** Must be unique on the page when there is more than one banner. */
  titleId?: string | undefined;
  titleHeadingLevel?: 2 | 3 | 4 | 5 | 6 | undefined;
  role?: 'alert' | 'region' | 'status' | undefined;
  disableAutoFocus?: boolean | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK notification banner. */
export function NotificationBanner(props: NotificationBannerProps) {
  const success = props.kind === 'success';
  const titleId = props.titleId || 'govuk-notification-banner-title';
  const Heading = `h${props.titleHeadingLevel ?? 2}` as 'h2';
  return (
    <div
      class={classNames('govuk-notification-banner', success && 'govuk-notification-banner--success', props.classes)}
      role={props.role ?? (success ? 'alert' : 'region')}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={props.disableAutoFocus === undefined ? undefined : String(props.disableAutoFocus)}
      {...attrs(props.attributes)}
    >
      <div class="govuk-notification-banner__header">
        <Heading class="govuk-notification-banner__title" id={titleId}>
          {props.title}
        </Heading>
      </div>
      <div class="govuk-notification-banner__content">
        {props.children ??
          (props.text !== undefined ? <p class="govuk-notification-banner__heading">{props.text}</p> : null)}
      </div>
    </div>
  );
}
