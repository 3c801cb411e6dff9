import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { FieldError } from '../../../platform/http/errors.ts';
import { Textarea, TextInput } from '../../../platform/views/components/index.ts';
import { formView, type FormState } from '../../../platform/views/form.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { bookingErrorText } from '../booking.i18n.ts';
import type { Booking } from '../booking.schema.ts';
import { attendeesTranslator } from './attendees.i18n.ts';
import { inviteeEntries, type Invitee } from './attendees.service.ts';

/**
 * The booking form's and a booking page's "Bjud in kollegor" and Teams link fields, and the rows
 * a booking's page shows of them. Fields: `inbjudna` (free text, one colleague per line or
 * comma) and `teams`. Absent from a posted form (a move button's form): left as they are.
 */

/** The fields of both forms' bodies (spread after the slot's fields). */
export const inviteeFormFields = {
  inbjudna: z.string().max(20_000).optional(),
  teams: z.string().max(2000).optional(),
};

/** The services' field names → the form's. */
export const INVITEE_FORM_FIELD: Record<string, string> = { invitees: 'inbjudna', teamsUrl: 'teams' };

/** A posted form's invitees and Teams link as a service request; absent fields stay absent (unchanged). */
export function inviteeRequest(body: { inbjudna?: string | undefined; teams?: string | undefined }): {
  invitees?: string[];
  teamsUrl?: string;
} {
  return {
    ...(body.inbjudna !== undefined ? { invitees: inviteeEntries(body.inbjudna) } : {}),
    ...(body.teams !== undefined ? { teamsUrl: body.teams } : {}),
  };
}

/** The change form's values for a stored booking: one invitee per line (a guest by address). */
export function inviteeFormValues(invitees: readonly Invitee[], booking: Pick<Booking, 'teamsUrl'>) {
  return {
    inbjudna: invitees.map((i) => (i.userId ? i.name : i.email)).join('\n'),
    teams: booking.teamsUrl ?? '',
  };
}

/** The two fields, with their errors (the page's error summary links to them). */
export function InviteeFields({ ctx, form }: { ctx: PageContext; form: FormState<unknown> }) {
  const a = attendeesTranslator(ctx.locale);
  const v = formView<{ inbjudna: string; teams: string }>(
    ctx,
    {
      values: form.values,
      errors: form.errors.filter((e: FieldError) => e.field === 'inbjudna' || e.field === 'teams'),
    },
    { messages: (e) => bookingErrorText(ctx.locale, e) },
  );
  return (
    <>
      <Textarea
        {...v.text('inbjudna')}
        label={{ text: a.t('field.invitees') }}
        hint={{ text: a.t('field.inviteesHint') }}
        rows={3}
        spellcheck={false}
        autocomplete="off"
      />
      <TextInput
        {...v.text('teams')}
        label={{ text: a.t('field.teams') }}
        hint={{ text: a.t('field.teamsHint') }}
        type="url"
        spellcheck={false}
        autocomplete="off"
      />
    </>
  );
}

/** A booking page's rows: who is invited and the Teams link (when there are any). */
export function inviteeRows(
  ctx: PageContext,
  invitees: readonly Invitee[],
  booking: Pick<Booking, 'teamsUrl'>,
): { key: { text: string }; value: { children: ComponentChildren } }[] {
  const a = attendeesTranslator(ctx.locale);
  return [
    ...(invitees.length > 0
      ? [
          {
            key: { text: a.t('page.invitees') },
            value: {
              children: (
                <ul class="govuk-list">
                  {invitees.map((i) => (
                    <li>{i.userId ? i.name : a.t('page.guest', { email: i.email ?? '' })}</li>
                  ))}
                </ul>
              ),
            },
          },
        ]
      : []),
    ...(booking.teamsUrl
      ? [
          {
            key: { text: a.t('page.teams') },
            value: {
              children: (
                <a class="govuk-link" href={booking.teamsUrl} rel="noreferrer noopener">
                  {a.t('page.teamsLink')}
                </a>
              ),
            },
          },
        ]
      : []),
  ];
}
