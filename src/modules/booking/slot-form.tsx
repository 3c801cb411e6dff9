import { z } from 'zod';
import { TextInput } from '../../platform/views/components/index.ts';
import type { FormView } from '../../platform/views/form.tsx';

/**
 * What the single booking form (/lokaler/boka) and the series form (/lokaler/boka/serie) share:
 * the query that pre-fills them, the fields of one slot (room, date, start, end, title,
 * attendees) and those fields' markup. Each form adds its own fields and texts.
 */

const short = z.string().max(40).optional();

/** The query of both forms: the room and what the finder or a booking already chose. */
export const slotFormQuery = z.object({
  rum: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  datum: short,
  start: short,
  slut: short,
  personer: short,
  lang: z.string().max(10).optional(),
});

/** The slot's fields of both forms' bodies (spread after the CSRF field). */
export const slotFormFields = {
  rum: z.string().max(100),
  datum: z.string().max(40),
  start: z.string().max(40),
  slut: z.string().max(40),
  titel: z.string().trim().min(1, 'required').max(200),
  deltagare: z.coerce.number({ message: 'number' }).int('number').min(1, 'number').max(1000, 'number'),
};

export interface SlotFormValues {
  rum: string;
  datum: string;
  start: string;
  slut: string;
  titel: string;
  deltagare: string;
  nyckel: string;
}

/** The form's texts for the slot's fields (the form's own catalog). */
export interface SlotFieldTexts {
  date: string;
  dateHint: string;
  start: string;
  end: string;
  timeHint: string;
  title: string;
  titleHint: string;
  attendees: string;
}

/** The room and idempotency key (hidden), then date, start and end side by side, title, attendees. */
export function SlotFields({
  roomId,
  v,
  texts,
}: {
  roomId: string;
  v: FormView<SlotFormValues>;
  texts: SlotFieldTexts;
}) {
  return (
    <>
      <input type="hidden" name="rum" value={roomId} />
      <input type="hidden" name="nyckel" value={v.value('nyckel')} />
      <TextInput
        {...v.text('datum')}
        type="date"
        label={{ text: texts.date }}
        hint={{ text: texts.dateHint }}
        classes="govuk-input--width-10"
        autocomplete="off"
      />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <TextInput
            {...v.text('start')}
            type="time"
            label={{ text: texts.start }}
            hint={{ text: texts.timeHint }}
            classes="govuk-input--width-5"
            autocomplete="off"
          />
        </div>
        <div class="govuk-grid-column-one-half">
          <TextInput
            {...v.text('slut')}
            type="time"
            label={{ text: texts.end }}
            hint={{ text: texts.timeHint }}
            classes="govuk-input--width-5"
            autocomplete="off"
          />
        </div>
      </div>
      <TextInput
        {...v.text('titel')}
        label={{ text: texts.title }}
        hint={{ text: texts.titleHint }}
        autocomplete="off"
      />
      <TextInput
        {...v.text('deltagare')}
        label={{ text: texts.attendees }}
        classes="govuk-input--width-3"
        inputmode="numeric"
        autocomplete="off"
      />
    </>
  );
}
