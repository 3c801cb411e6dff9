import {
  Button,
  Checkboxes,
  ErrorSummary,
  FileUpload,
  Select,
  Table,
  Tag,
  TextInput,
} from '../../../platform/views/components/index.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { directionOf } from '../../../platform/i18n/locales.ts';
import { CsrfInput, formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ScrollRegion } from '../../../platform/views/scroll-region.tsx';
import { StackedTable } from '../../../platform/views/stacked-table.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { ACCESSIBILITY, EQUIPMENT, PURPOSES, type Room } from '../booking.schema.ts';
import { bookingTranslator } from '../booking.i18n.ts';
import type { ImportReport } from './room-import.ts';
import { REQUIRED_COLUMNS } from './room-import.ts';
import { adminErrorText, roomsAdminTranslator } from './rooms-admin.i18n.ts';
import { ROOM_FIELDS, type AdminOverview, type GroupWithMembers, type RawRoom } from './rooms-admin.service.ts';
import { assetUrl } from '../../../platform/http/asset-versions.ts';

/** Room administration pages (/admin/lokaler…): staff pages, sv/en, GOV.UK components, no JavaScript needed. */

const messages = (ctx: PageContext) => (e: FieldError) => adminErrorText(ctx.locale, e);

export interface BuildingFormValues {
  id: string;
  name: string;
  address: string;
}

export function AdminRoomsPage({
  ctx,
  overview,
  buildingForm,
}: {
  ctx: PageContext;
  overview: AdminOverview;
  buildingForm: FormState<BuildingFormValues>;
}) {
  const a = roomsAdminTranslator(ctx.locale);
  const booking = bookingTranslator(ctx.locale);
  const v = formView(ctx, buildingForm, {
    fields: { id: { label: a.t('building.id') }, name: { label: a.t('building.name') }, address: {} },
    messages: messages(ctx),
  });
  return (
    <Layout ctx={ctx} title={a.t('admin.title')} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{a.t('admin.title')}</h1>
      <p class="govuk-body-l">{a.t('admin.lead')}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/admin/lokaler/rum/ny">
            {a.t('admin.newRoom')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/admin/lokaler/import">
            {a.t('admin.import')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/admin/lokaler/grupper">
            {a.t('admin.groups')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/lokaler/insikt">
            {a.t('admin.insight')}
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-l">{a.t('admin.buildings')}</h2>
      {overview.buildings.map((b) => (
        <section aria-labelledby={`building-${b.id}`}>
          <h3 class="govuk-heading-m" id={`building-${b.id}`}>
            {b.name}
          </h3>
          {b.address && <p class="govuk-body">{b.address}</p>}
          {b.rooms.length === 0 ? (
            <p class="govuk-body">{a.t('admin.noRooms')}</p>
          ) : (
            <StackedTable
              caption={b.name}
              head={[
                a.t('admin.col.room'),
                a.t('admin.col.floor'),
                a.t('admin.col.capacity'),
                a.t('admin.col.purpose'),
                a.t('admin.col.state'),
              ]}
              numeric={[1, 2]}
              rows={b.rooms.map((r) => [
                <a class="govuk-link" href={`/admin/lokaler/rum/${r.id}`}>
                  {r.name}
                </a>,
                String(r.floor),
                String(r.capacity),
                booking.t(`purpose.${r.purpose}`),
                r.active ? (
                  <Tag colour="green" text={a.t('admin.active')} />
                ) : (
                  <Tag colour="grey" text={a.t('admin.inactive')} />
                ),
              ])}
            />
          )}
        </section>
      ))}
      <h2 class="govuk-heading-l">{a.t('admin.newBuilding')}</h2>
      <form method="post" action="/admin/lokaler/hus" novalidate>
        <CsrfInput ctx={ctx} />
        <TextInput
          {...v.text('id')}
          label={{ text: a.t('building.id') }}
          hint={{ text: a.t('building.idHint') }}
          classes="govuk-input--width-20"
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput {...v.text('name')} label={{ text: a.t('building.name') }} autocomplete="off" />
        <TextInput {...v.text('address')} label={{ text: a.t('building.address') }} autocomplete="off" />
        <Button text={a.t('building.submit')} preventDoubleClick />
      </form>
    </Layout>
  );
}

export interface RoomFormPageProps {
  ctx: PageContext;
  form: FormState<RawRoom>;
  buildings: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  /** Editing an existing room: its stored state and door sign. */
  existing?: { room: Room; doorUrl: string; qrSvg: string } | undefined;
}

export function RoomFormPage({ ctx, form, buildings, groups, existing }: RoomFormPageProps) {
  const a = roomsAdminTranslator(ctx.locale);
  const booking = bookingTranslator(ctx.locale);
  const labels: Partial<Record<(typeof ROOM_FIELDS)[number], string>> = {
    id: a.t('room.id'),
    building: a.t('room.building'),
    floor: a.t('room.floor'),
    name: a.t('room.name'),
    capacity: a.t('room.capacity'),
  };
  const v = formView(ctx, form, {
    fields: Object.fromEntries(ROOM_FIELDS.map((name) => [name, labels[name] ? { label: labels[name] } : {}])) as never,
    messages: messages(ctx),
  });
  const title = existing ? a.t('room.editTitle', { name: existing.room.name }) : a.t('room.createTitle');
  const action = existing ? `/admin/lokaler/rum/${existing.room.id}` : '/admin/lokaler/rum/ny';
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{title}</h1>
      <form method="post" action={action} novalidate>
        <CsrfInput ctx={ctx} />
        {existing ? (
          <input type="hidden" name="id" value={existing.room.id} />
        ) : (
          <TextInput
            {...v.text('id')}
            label={{ text: a.t('room.id') }}
            hint={{ text: a.t('room.idHint') }}
            classes="govuk-input--width-20"
            autocomplete="off"
            spellcheck={false}
          />
        )}
        <Select
          {...v.text('building')}
          label={{ text: a.t('room.building') }}
          items={[
            { value: '', text: a.t('room.buildingChoose') },
            ...buildings.map((b) => ({ value: b.id, text: b.name })),
          ]}
        />
        <TextInput
          {...v.text('floor')}
          label={{ text: a.t('room.floor') }}
          classes="govuk-input--width-3"
          inputmode="numeric"
        />
        <TextInput {...v.text('name')} label={{ text: a.t('room.name') }} autocomplete="off" />
        <TextInput
          {...v.text('capacity')}
          label={{ text: a.t('room.capacity') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <Select
          {...v.text('purpose')}
          label={{ text: a.t('room.purpose') }}
          items={PURPOSES.map((p) => ({ value: p, text: booking.t(`purpose.${p}`) }))}
        />
        <Checkboxes
          {...v.checkboxes('equipment')}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: a.t('room.equipment'), classes: 'govuk-fieldset__legend--s' } }}
          items={EQUIPMENT.map((e) => ({ value: e, text: booking.t(`equipment.${e}`) }))}
        />
        <Checkboxes
          {...v.checkboxes('accessibility')}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: a.t('room.accessibility'), classes: 'govuk-fieldset__legend--s' } }}
          items={ACCESSIBILITY.map((e) => ({ value: e, text: booking.t(`accessibility.${e}`) }))}
        />
        <Checkboxes
          {...v.checkboxes('allowed_groups')}
          classes="govuk-checkboxes--small"
          hint={{ text: a.t('room.allowedGroupsHint') }}
          fieldset={{ legend: { text: a.t('room.allowedGroups'), classes: 'govuk-fieldset__legend--s' } }}
          items={groups.map((g) => ({ value: g.id, text: g.name }))}
        />
        <h2 class="govuk-heading-m">{a.t('room.hours')}</h2>
        <TextInput
          {...v.text('opens_at')}
          label={{ text: a.t('room.opensAt') }}
          classes="govuk-input--width-5"
          inputmode="numeric"
        />
        <TextInput
          {...v.text('closes_at')}
          label={{ text: a.t('room.closesAt') }}
          classes="govuk-input--width-5"
          inputmode="numeric"
        />
        <Checkboxes
          {...v.checkboxes('open_weekdays')}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: a.t('room.weekdays'), classes: 'govuk-fieldset__legend--s' } }}
          items={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
            value: String(d),
            text: booking.t(`weekday.${d}` as Parameters<typeof booking.t>[0]),
          }))}
        />
        <TextInput
          {...v.text('min_minutes')}
          label={{ text: a.t('room.minMinutes') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <TextInput
          {...v.text('max_minutes')}
          label={{ text: a.t('room.maxMinutes') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <TextInput
          {...v.text('max_days_ahead')}
          label={{ text: a.t('room.maxDaysAhead') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <TextInput
          {...v.text('buffer_minutes')}
          label={{ text: a.t('room.buffer') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <TextInput
          {...v.text('checkin_window_minutes')}
          label={{ text: a.t('room.checkin') }}
          hint={{ text: a.t('room.checkinHint') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <Checkboxes
          {...v.checkboxes('approval_required')}
          classes="govuk-checkboxes--small"
          items={[{ value: 'ja', text: a.t('room.approval') }]}
        />
        <Select
          {...v.text('approver_group')}
          label={{ text: a.t('room.approverGroup') }}
          items={[
            { value: '', text: a.t('room.approverAdmins') },
            ...groups.map((g) => ({ value: g.id, text: g.name })),
          ]}
        />
        <Button text={a.t('room.save')} preventDoubleClick />
      </form>
      {existing && (
        <>
          <h2 class="govuk-heading-l">{a.t('room.doorHeading')}</h2>
          <p class="govuk-body">{a.t('room.doorLead')}</p>
          <div
            class="smb-qr"
            role="img"
            aria-label={a.t('room.qrAlt', { name: existing.room.name })}
            dangerouslySetInnerHTML={{ __html: existing.qrSvg }}
          />
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={existing.doorUrl} rel="noreferrer">
                {a.t('room.doorLink')}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`/admin/lokaler/rum/${existing.room.id}/dorrskylt`}>
                {a.t('room.printSign')}
              </a>
            </li>
          </ul>
          <form method="post" action={`/admin/lokaler/rum/${existing.room.id}/ny-nyckel`} novalidate>
            <CsrfInput ctx={ctx} />
            <p class="govuk-body">{a.t('room.rotateHint')}</p>
            <Button text={a.t('room.rotateKey')} variant="secondary" preventDoubleClick />
          </form>
          <h2 class="govuk-heading-l">{a.t('room.activeHeading')}</h2>
          <form
            method="post"
            action={`/admin/lokaler/rum/${existing.room.id}/${existing.room.active ? 'avaktivera' : 'aktivera'}`}
            novalidate
          >
            <CsrfInput ctx={ctx} />
            {existing.room.active && <p class="govuk-body">{a.t('room.deactivateHint')}</p>}
            <Button
              text={existing.room.active ? a.t('room.deactivate') : a.t('room.activate')}
              variant={existing.room.active ? 'warning' : 'secondary'}
              preventDoubleClick
            />
          </form>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/admin/lokaler">
          {a.t('room.back')}
        </a>
      </p>
    </Layout>
  );
}

/** A printable door sign: the room's name and its QR code, nothing else. */
export function DoorSignPage({
  ctx,
  room,
  doorUrl,
  qrSvg,
}: {
  ctx: PageContext;
  room: Room;
  doorUrl: string;
  qrSvg: string;
}) {
  const a = roomsAdminTranslator(ctx.locale);
  const title = a.t('sign.title', { name: room.name });
  return (
    <html lang={ctx.locale} dir={directionOf(ctx.locale)} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} – ${ctx.t.t('site.name')}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {ctx.t.t('site.skipLink')}
        </a>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content" tabindex={-1}>
            <p class="govuk-body smb-no-print">
              <a class="govuk-link" href={`/admin/lokaler/rum/${room.id}`}>
                {a.t('sign.back')}
              </a>
            </p>
            <h1 class="govuk-heading-xl">{room.name}</h1>
            <p class="govuk-body-l">{room.buildingName}</p>
            <div
              class="smb-qr smb-qr--large"
              role="img"
              aria-label={a.t('room.qrAlt', { name: room.name })}
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
            <p class="govuk-body-l">{a.t('sign.scan')}</p>
            <p class="govuk-body-s smb-hash">{doorUrl}</p>
          </main>
        </div>
      </body>
    </html>
  );
}

export interface MemberFormValues {
  username: string;
}

export function GroupsPage({
  ctx,
  groups,
  memberForm,
  groupForm,
}: {
  ctx: PageContext;
  groups: GroupWithMembers[];
  memberForm?: { groupId: string; form: FormState<MemberFormValues> };
  groupForm: FormState<BuildingFormValues>;
}) {
  const a = roomsAdminTranslator(ctx.locale);
  const gv = formView(ctx, groupForm, {
    fields: { id: { label: a.t('building.id') }, name: { label: a.t('building.name') } },
    messages: messages(ctx),
  });
  const summary = [
    ...(memberForm
      ? formView(ctx, memberForm.form, { fields: { username: {} }, messages: messages(ctx) })
          .summaryItems()
          .map((i) => ({ ...i, href: `#username-${memberForm.groupId}` }))
      : []),
    ...gv.summaryItems(),
  ];
  return (
    <Layout ctx={ctx} title={a.t('groups.title')} hasErrors={summary.length > 0}>
      {summary.length > 0 && <ErrorSummary titleText={ctx.t.t('form.errorSummaryTitle')} errorList={summary} />}
      <h1 class="govuk-heading-xl">{a.t('groups.title')}</h1>
      <p class="govuk-body">{a.t('groups.lead')}</p>
      {groups.map((g) => {
        const mine =
          memberForm?.groupId === g.id
            ? formView(ctx, memberForm.form, { fields: { username: {} }, messages: messages(ctx) })
            : null;
        return (
          <section aria-labelledby={`group-${g.id}`}>
            <h2 class="govuk-heading-m" id={`group-${g.id}`}>
              {g.name}
            </h2>
            <h3 class="govuk-heading-s">{a.t('groups.members')}</h3>
            {g.members.length === 0 ? (
              <p class="govuk-body">{a.t('groups.noMembers')}</p>
            ) : (
              <ul class="govuk-list">
                {g.members.map((m) => (
                  <li>
                    <form
                      method="post"
                      action={`/admin/lokaler/grupper/${g.id}/ta-bort`}
                      class="smb-inline-form"
                      novalidate
                    >
                      <CsrfInput ctx={ctx} />
                      <input type="hidden" name="userId" value={m.userId} />
                      {m.displayName} ({m.username}){' '}
                      <button type="submit" class="smb-link-button">
                        {a.t('groups.remove', { name: m.displayName })}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={`/admin/lokaler/grupper/${g.id}/medlemmar`} novalidate>
              <CsrfInput ctx={ctx} />
              <TextInput
                name="username"
                id={`username-${g.id}`}
                value={mine?.value('username') ?? ''}
                errorMessage={mine?.errorFor('username')}
                label={{ text: `${a.t('groups.username')} (${g.name})` }}
                classes="govuk-input--width-20"
                autocomplete="off"
                spellcheck={false}
              />
              <Button text={a.t('groups.add')} variant="secondary" preventDoubleClick />
            </form>
          </section>
        );
      })}
      <h2 class="govuk-heading-l">{a.t('groups.newGroup')}</h2>
      <form method="post" action="/admin/lokaler/grupper" novalidate>
        <CsrfInput ctx={ctx} />
        <TextInput
          {...gv.text('id')}
          label={{ text: a.t('building.id') }}
          hint={{ text: a.t('building.idHint') }}
          classes="govuk-input--width-20"
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput {...gv.text('name')} label={{ text: a.t('building.name') }} autocomplete="off" />
        <Button text={a.t('groups.create')} preventDoubleClick />
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href="/admin/lokaler">
          {a.t('room.back')}
        </a>
      </p>
    </Layout>
  );
}

export function ImportPage({
  ctx,
  report,
  fileError,
}: {
  ctx: PageContext;
  report?: ImportReport | undefined;
  fileError?: FieldError | undefined;
}) {
  const a = roomsAdminTranslator(ctx.locale);
  const b = bookingTranslator(ctx.locale);
  const fileErrors = [...(fileError ? [fileError] : []), ...(report?.fileErrors ?? [])];
  const rowErrors = report?.rows.filter((r) => r.errors.length > 0) ?? [];
  const columnName = (field: string) =>
    (ROOM_FIELDS as readonly string[]).includes(field)
      ? `${a.t(`column.${field}` as Parameters<typeof a.t>[0])} (${field})`
      : field;
  const message = (e: FieldError) => adminErrorText(ctx.locale, e) ?? e.code;
  // One line per bad row: its first problem, naming the row and the column (the table has all).
  const rowText = (line: number, e: FieldError) =>
    e.field === 'file'
      ? a.t('import.rowErrorWhole', { line, message: message(e) })
      : a.t('import.rowError', { line, column: columnName(e.field), message: message(e) });
  const SHOWN = 20;
  const summary = [
    ...fileErrors.map((e) => ({ text: message(e), href: '#file' })),
    ...rowErrors.slice(0, SHOWN).map((r) => ({ text: rowText(r.line, r.errors[0]!), href: `#line-${r.line}` })),
    ...(rowErrors.length > SHOWN
      ? [{ text: a.t('import.moreRows', { count: rowErrors.length - SHOWN }), href: `#line-${rowErrors[SHOWN]!.line}` }]
      : []),
  ];
  // A code such as "accessible-toilet" does not break: at 320 px the table scrolls in its region.
  const codeTable = (caption: string, codes: readonly string[], prefix: 'purpose' | 'equipment' | 'accessibility') => (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        captionClasses="govuk-table__caption--s"
        head={[a.t('import.col.code'), a.t('import.col.meaning')]}
        rows={codes.map((code) => [
          { children: <code>{code}</code> },
          b.t(`${prefix}.${code}` as Parameters<typeof b.t>[0]),
        ])}
      />
    </ScrollRegion>
  );
  return (
    <Layout ctx={ctx} title={a.t('import.title')} hasErrors={summary.length > 0}>
      {summary.length > 0 && <ErrorSummary titleText={ctx.t.t('form.errorSummaryTitle')} errorList={summary} />}
      <h1 class="govuk-heading-xl">{a.t('import.title')}</h1>
      {report?.applied && (
        <div class="govuk-panel govuk-panel--confirmation">
          <div class="govuk-panel__body" id="import-done">
            {a.t('import.done', {
              created: a.t('import.created', { count: report.created }),
              updated: a.t('import.updated', { count: report.updated }),
              unchanged: a.t('import.unchanged', { count: report.unchanged }),
            })}
          </div>
        </div>
      )}
      {report && !report.applied && <p class="govuk-body govuk-!-font-weight-bold">{a.t('import.failed')}</p>}
      {rowErrors.length > 0 && (
        <ScrollRegion label={a.t('import.reportCaption')}>
          <Table
            caption={a.t('import.reportCaption')}
            captionClasses="govuk-table__caption--m"
            head={[{ text: a.t('import.col.line'), format: 'numeric' }, a.t('import.col.id'), a.t('import.col.errors')]}
            rows={rowErrors.map((r) => [
              { text: String(r.line), format: 'numeric', attributes: { id: `line-${r.line}` } },
              r.id,
              {
                children: (
                  <ul class="govuk-list">
                    {r.errors.map((e) => (
                      <li>{rowText(r.line, e)}</li>
                    ))}
                  </ul>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
      <p class="govuk-body">{a.t('import.lead')}</p>
      <p class="govuk-body">
        {a.t('import.columns', { columns: ROOM_FIELDS.join(', '), required: REQUIRED_COLUMNS.join(', ') })}
      </p>
      <p class="govuk-inset-text">{a.t('import.policy')}</p>
      <h2 class="govuk-heading-m">{a.t('import.downloads')}</h2>
      <p class="govuk-body">{a.t('import.downloadsLead')}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/admin/lokaler/import/mall.csv" download>
            {a.t('import.template')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/admin/lokaler/export.csv" download>
            {a.t('import.export')}
          </a>
        </li>
      </ul>
      <form method="post" action="/admin/lokaler/import" enctype="multipart/form-data" novalidate>
        <CsrfInput ctx={ctx} />
        <FileUpload
          name="file"
          id="file"
          label={{ text: a.t('import.file'), classes: 'govuk-label--m' }}
          attributes={{ accept: '.csv,text/csv' }}
          errorMessage={
            fileErrors[0]
              ? {
                  text: adminErrorText(ctx.locale, fileErrors[0]) ?? fileErrors[0].code,
                  visuallyHiddenText: ctx.t.t('form.errorPrefix'),
                }
              : undefined
          }
        />
        <Button text={a.t('import.submit')} preventDoubleClick />
      </form>
      <h2 class="govuk-heading-m" id="codes">
        {a.t('import.codes')}
      </h2>
      <p class="govuk-body">{a.t('import.codesLead')}</p>
      {codeTable(a.t('import.codes.purpose'), PURPOSES, 'purpose')}
      {codeTable(a.t('import.codes.equipment'), EQUIPMENT, 'equipment')}
      {codeTable(a.t('import.codes.accessibility'), ACCESSIBILITY, 'accessibility')}
      <p class="govuk-body">
        <a class="govuk-link" href="/admin/lokaler">
          {a.t('room.back')}
        </a>
      </p>
    </Layout>
  );
}
