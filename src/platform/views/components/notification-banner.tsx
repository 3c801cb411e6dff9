import type { ComponentChildren } from 'preact';

export function NotificationBanner(props: { kind?: 'info' | 'success'; title: string; children: ComponentChildren }) {
  const success = props.kind === 'success';
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {props.title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{props.children}</div>
    </div>
  );
}
