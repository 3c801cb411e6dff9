import { Button, NotificationBanner, Select, Table, TextInput } from '../../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ScrollRegion } from '../../../platform/views/scroll-region.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { bookingTranslator } from '../booking.i18n.ts';
import { FEED_REFRESH_MINUTES, type Feed } from './feeds.service.ts';
import { feedsTranslator } from './feeds.i18n.ts';

/** /lokaler/kalender: the user's calendar feed links, creating one (its URL shown once) and removing one. */

export interface FeedFormValues {
  /** `mine`, or a room's id. */
  visa: string;
  /** Idempotency key made when the form is rendered (hidden): sent again, it makes no second link. */
  nyckel: string;
}

export interface CalendarFeedsPageProps {
  ctx: PageContext;
  feeds: Feed[];
  rooms: { id: string; name: string; buildingName: string }[];
  form: FormState<FeedFormValues>;
  /** Just created: the URL, shown this once. */
  created?: string | undefined;
}

export function CalendarFeedsPage({ ctx, feeds, rooms, form, created }: CalendarFeedsPageProps) {
  const s = feedsTranslator(ctx.locale);
  const b = bookingTranslator(ctx.locale);
  const v = formView(ctx, form, {
    fields: { visa: { label: s.t('feeds.field.room') } },
    messages: (e) =>
      e.code === 'unknownRoom'
        ? b.t('errors.unknownRoom')
        : e.code === 'keyReused'
          ? s.t('feeds.keyReused')
          : undefined,
  });
  const title = s.t('feeds.title');
  const what = (feed: Feed) =>
    feed.roomId ? s.t('feeds.roomFeed', { room: feed.roomName ?? feed.roomId }) : s.t('feeds.mine');
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      {created && (
        <NotificationBanner kind="success" title={s.t('feeds.created')}>
          <p class="govuk-body">{s.t('feeds.copy')}</p>
          <TextInput
            name="feed-url"
            id="feed-url"
            value={created}
            label={{ text: s.t('feeds.url') }}
            spellcheck={false}
            attributes={{ readonly: true }}
          />
          <div class="govuk-button-group">
            <Button
              type="button"
              variant="secondary"
              classes="smb-copy-button"
              text={s.t('feeds.copyButton')}
              attributes={{
                'data-copy-target': 'feed-url',
                'data-copy-status': 'feed-url-status',
                'data-copied': s.t('feeds.copied'),
              }}
            />
            {/* webcal:// hands the feed to the calendar the system opens it with: Outlook on a city computer. */}
            <a class="govuk-link" href={created.replace(/^https?:\/\//, 'webcal://')}>
              {s.t('feeds.openOutlook')}
            </a>
          </div>
          <p class="govuk-body govuk-!-margin-bottom-0" id="feed-url-status" role="status"></p>
        </NotificationBanner>
      )}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">{s.t('feeds.intro')}</p>
      <p class="govuk-body">{s.t('feeds.refresh', { minutes: FEED_REFRESH_MINUTES })}</p>
      <h2 class="govuk-heading-m">{s.t('feeds.existing')}</h2>
      {feeds.length === 0 ? (
        <p class="govuk-body">{s.t('feeds.none')}</p>
      ) : (
        <ScrollRegion label={s.t('feeds.existing')}>
          <Table
            caption={s.t('feeds.existing')}
            captionClasses="govuk-visually-hidden"
            firstCellIsHeader
            head={[s.t('feeds.col.what'), s.t('feeds.col.created'), s.t('feeds.col.action')]}
            rows={feeds.map((feed) => [
              what(feed),
              ctx.t.formatDate(feed.createdAt, 'datetime'),
              {
                children: (
                  <form method="post" action={`/lokaler/kalender/${feed.id}/ta-bort`}>
                    <CsrfInput ctx={ctx} />
                    <Button variant="warning" classes="govuk-!-margin-bottom-0" preventDoubleClick>
                      {s.t('feeds.revoke')}
                      <span class="govuk-visually-hidden"> {what(feed)}</span>
                    </Button>
                  </form>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
      <h2 class="govuk-heading-m">{s.t('feeds.create')}</h2>
      <form method="post" action="/lokaler/kalender" novalidate>
        <CsrfInput ctx={ctx} />
        <input type="hidden" name="nyckel" value={v.value('nyckel')} />
        <Select
          {...v.text('visa')}
          label={{ text: s.t('feeds.which'), classes: 'govuk-label--s' }}
          hint={{ text: s.t('feeds.roomHint') }}
          items={[
            { value: 'mine', text: s.t('feeds.mine') },
            ...rooms.map((r) => ({
              value: r.id,
              text: s.t('feeds.roomFeed', { room: `${r.name}, ${r.buildingName}` }),
            })),
          ]}
        />
        <Button text={s.t('feeds.create')} preventDoubleClick />
      </form>
    </Layout>
  );
}
