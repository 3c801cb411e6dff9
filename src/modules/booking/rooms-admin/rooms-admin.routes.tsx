import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN } from '../../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { emptyForm, formStateFrom, type FormState } from '../../../platform/views/form.tsx';
import { registerMultipartBody, uploadedFileSchema } from '../../../platform/http/multipart-body.ts';
import { doorQrSvg, doorUrl } from '../door/door.service.ts';
import { toLocal } from '../local-time.ts';
import { attachment, CSV_CONTENT_TYPE } from '../excel-csv.ts';
import { exportRoomsCsv, importRooms, MAX_IMPORT_BYTES, templateCsv } from './room-import.ts';
import { roomsAdminTranslator } from './rooms-admin.i18n.ts';
import {
  addGroupMember,
  adminOverview,
  adminRoom,
  createBuilding,
  createGroup,
  createRoom,
  doorKeyOf,
  listGroups,
  rawOf,
  removeGroupMember,
  rotateDoorKey,
  ROOM_DEFAULTS,
  setRoomActive,
  updateRoom,
  type AdminContext,
  type RawRoom,
} from './rooms-admin.service.ts';
import {
  AdminRoomsPage,
  DoorSignPage,
  GroupsPage,
  ImportPage,
  RoomFormPage,
  type BuildingFormValues,
  type MemberFormValues,
} from './rooms-admin.views.tsx';
import type { Db } from '../../../platform/db/database.ts';

/**
 * Room administration (ADMIN): /admin/lokaler (buildings and rooms, add a building),
 * /admin/lokaler/rum/ny and /admin/lokaler/rum/:id (rules, door sign and QR code, door key,
 * deactivate), /admin/lokaler/grupper (booking groups and members), /admin/lokaler/import (CSV).
 */

const lang = z.string().max(10).optional();
const csrf = { [CSRF_FIELD]: z.string().optional() };
const roomIdParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const groupParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const str = z.string().max(300).optional();
const strList = z.union([z.string().max(100), z.array(z.string().max(100)).max(50)]).optional();
const roomBody = z.object({
  ...csrf,
  id: str,
  building: str,
  floor: str,
  name: str,
  capacity: str,
  equipment: strList,
  accessibility: strList,
  purpose: str,
  allowed_groups: strList,
  opens_at: str,
  closes_at: str,
  open_weekdays: strList,
  min_minutes: str,
  max_minutes: str,
  max_days_ahead: str,
  approval_required: str,
  approver_group: str,
  buffer_minutes: str,
  checkin_window_minutes: str,
});
const buildingBody = z.object({
  ...csrf,
  id: z.string().max(100),
  name: z.string().max(300),
  address: z.string().max(300).optional(),
});
const groupBody = z.object({ ...csrf, id: z.string().max(100), name: z.string().max(300) });
const memberBody = z.object({ ...csrf, username: z.string().max(200) });
const removeBody = z.object({ ...csrf, userId: z.string().max(100) });
const importBody = z.object({ ...csrf, file: uploadedFileSchema.optional() });
const EXAMPLE_ROOM = {
  id: 'harness-rum',
  building: 'stadshuset',
  floor: '1',
  name: 'Harness',
  capacity: '4',
  purpose: 'meeting',
  opens_at: '08:00',
  closes_at: '17:00',
  open_weekdays: ['1', '2'],
};

export interface RoomsAdminRoutesOptions {
  db: Db;
  clock: () => Date;
  baseUrl: string;
}

export const roomsAdminRoutes: FastifyPluginAsyncZod<RoomsAdminRoutesOptions> = async (app, options) => {
  const { db, clock, baseUrl } = options;
  registerMultipartBody(app, { maxFileBytes: MAX_IMPORT_BYTES });
  app.addHook('onSend', async (request, reply, payload) => {
    // Door keys are on these pages: never cached.
    if (request.url.startsWith('/admin/lokaler')) reply.header('cache-control', 'no-store');
    return payload;
  });
  const ctxOf = (request: FastifyRequest): AdminContext => ({
    actor: request.user!,
    now: clock(),
    requestId: request.id,
  });
  const fieldsOf = (error: unknown): FieldError[] | undefined =>
    error instanceof AppError && error.code === 'VALIDATION_FAILED' ? (error.details.fields ?? []) : undefined;

  async function renderOverview(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState<BuildingFormValues>,
    status: number,
  ) {
    return reply.html(
      <AdminRoomsPage ctx={request.pageContext()} overview={await adminOverview(db)} buildingForm={form} />,
      status,
    );
  }

  async function renderRoom(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState<RawRoom>,
    status: number,
    roomId?: string,
  ) {
    const overview = await adminOverview(db);
    let existing;
    if (roomId) {
      const room = await adminRoom(db, roomId);
      const key = (await doorKeyOf(db, roomId))!;
      existing = { room, doorUrl: doorUrl(baseUrl, room.id, key), qrSvg: doorQrSvg(baseUrl, room.id, key) };
    }
    return reply.html(
      <RoomFormPage
        ctx={request.pageContext()}
        form={form}
        buildings={overview.buildings}
        groups={overview.groups}
        existing={existing}
      />,
      status,
    );
  }

  app.get(
    '/admin/lokaler',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) =>
      renderOverview(request, reply, emptyForm<BuildingFormValues>({ id: '', name: '', address: '' }), 200),
  );

  app.post(
    '/admin/lokaler/hus',
    {
      config: { access: ADMIN, examples: { body: { id: 'harness-hus', name: 'Harness-huset', address: '' } } },
      schema: { body: buildingBody },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        await createBuilding(db, ctxOf(request), { id: body.id, name: body.name, address: body.address ?? '' });
      } catch (error) {
        const fields = fieldsOf(error);
        if (!fields) throw error;
        return renderOverview(request, reply, { values: body, errors: fields }, 422);
      }
      request.flash('success', roomsAdminTranslator(request.locale).t('admin.buildingCreated'));
      return reply.redirect('/admin/lokaler', 303);
    },
  );

  app.get(
    '/admin/lokaler/rum/ny',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) =>
      renderRoom(
        request,
        reply,
        emptyForm<RawRoom>({
          ...ROOM_DEFAULTS,
          open_weekdays: [...ROOM_DEFAULTS.open_weekdays],
          purpose: 'meeting',
          floor: '1',
        }),
        200,
      ),
  );

  app.post(
    '/admin/lokaler/rum/ny',
    { config: { access: ADMIN, examples: { body: EXAMPLE_ROOM } }, attachValidation: true, schema: { body: roomBody } },
    async (request, reply) => {
      const form = formStateFrom<RawRoom>(request);
      if (form.errors.length > 0) return renderRoom(request, reply, form, 422);
      try {
        const id = await createRoom(db, ctxOf(request), request.body);
        request.flash('success', roomsAdminTranslator(request.locale).t('room.created'));
        return reply.redirect(`/admin/lokaler/rum/${id}`, 303);
      } catch (error) {
        const fields = fieldsOf(error);
        if (!fields) throw error;
        return renderRoom(request, reply, { values: form.values, errors: fields }, 422);
      }
    },
  );

  app.get(
    '/admin/lokaler/rum/:id',
    {
      config: { access: ADMIN, examples: { params: { id: 'stadshuset-oresund' } } },
      schema: { params: roomIdParam, querystring: z.object({ lang }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const room = await adminRoom(db, id);
      return renderRoom(request, reply, emptyForm<RawRoom>(rawOf(room)), 200, id);
    },
  );

  app.post(
    '/admin/lokaler/rum/:id',
    {
      config: {
        access: ADMIN,
        examples: {
          params: { id: 'stadshuset-tystnaden' },
          body: { ...EXAMPLE_ROOM, id: 'stadshuset-tystnaden', purpose: 'quiet', capacity: '1' },
        },
      },
      attachValidation: true,
      schema: { params: roomIdParam, body: roomBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      await adminRoom(db, id);
      const form = formStateFrom<RawRoom>(request);
      if (form.errors.length > 0) return renderRoom(request, reply, form, 422, id);
      try {
        // Unticked checkboxes send nothing: an absent list is an empty one.
        const body = request.body;
        await updateRoom(db, ctxOf(request), id, {
          equipment: [],
          accessibility: [],
          allowed_groups: [],
          approval_required: '',
          ...body,
        });
      } catch (error) {
        const fields = fieldsOf(error);
        if (!fields) throw error;
        return renderRoom(request, reply, { values: form.values, errors: fields }, 422, id);
      }
      request.flash('success', roomsAdminTranslator(request.locale).t('room.saved'));
      return reply.redirect(`/admin/lokaler/rum/${id}`, 303);
    },
  );

  app.get(
    '/admin/lokaler/rum/:id/dorrskylt',
    {
      config: { access: ADMIN, examples: { params: { id: 'stadshuset-oresund' } } },
      schema: { params: roomIdParam, querystring: z.object({ lang }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const room = await adminRoom(db, id);
      const key = (await doorKeyOf(db, id))!;
      return reply.html(
        <DoorSignPage
          ctx={request.pageContext()}
          room={room}
          doorUrl={doorUrl(baseUrl, id, key)}
          qrSvg={doorQrSvg(baseUrl, id, key)}
        />,
      );
    },
  );

  app.post(
    '/admin/lokaler/rum/:id/ny-nyckel',
    {
      config: { access: ADMIN, examples: { params: { id: 'stadshuset-oresund' } } },
      schema: { params: roomIdParam, body: z.object(csrf) },
    },
    async (request, reply) => {
      const { id } = request.params;
      await rotateDoorKey(db, ctxOf(request), id);
      request.flash('success', roomsAdminTranslator(request.locale).t('room.keyRotated'));
      return reply.redirect(`/admin/lokaler/rum/${id}`, 303);
    },
  );

  for (const [path, active] of [
    ['avaktivera', false],
    ['aktivera', true],
  ] as const) {
    app.post(
      `/admin/lokaler/rum/:id/${path}`,
      {
        config: { access: ADMIN, examples: { params: { id: 'kirseberg-motesrum' } } },
        schema: { params: roomIdParam, body: z.object(csrf) },
      },
      async (request, reply) => {
        const { id } = request.params;
        await setRoomActive(db, ctxOf(request), id, active);
        request.flash(
          'success',
          roomsAdminTranslator(request.locale).t(active ? 'room.activated' : 'room.deactivated'),
        );
        return reply.redirect(`/admin/lokaler/rum/${id}`, 303);
      },
    );
  }

  // ---- Groups -----------------------------------------------------------------------------------

  async function renderGroups(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    forms: {
      member?: { groupId: string; form: FormState<MemberFormValues> };
      group?: FormState<BuildingFormValues>;
    } = {},
  ) {
    const groupForm = forms.group ?? emptyForm<BuildingFormValues>({ id: '', name: '', address: '' });
    return reply.html(
      <GroupsPage
        ctx={request.pageContext()}
        groups={await listGroups(db)}
        memberForm={forms.member}
        groupForm={groupForm}
      />,
      status,
    );
  }

  app.get(
    '/admin/lokaler/grupper',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) => renderGroups(request, reply, 200),
  );

  app.post(
    '/admin/lokaler/grupper',
    {
      config: { access: ADMIN, examples: { body: { id: 'harness-grupp', name: 'Harness' } } },
      schema: { body: groupBody },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        await createGroup(db, ctxOf(request), body);
      } catch (error) {
        const fields = fieldsOf(error);
        if (!fields) throw error;
        return renderGroups(request, reply, 422, {
          group: { values: body, errors: fields },
        });
      }
      request.flash('success', roomsAdminTranslator(request.locale).t('groups.created'));
      return reply.redirect('/admin/lokaler/grupper', 303);
    },
  );

  app.post(
    '/admin/lokaler/grupper/:id/medlemmar',
    {
      config: { access: ADMIN, examples: { params: { id: 'socialsekreterare' }, body: { username: 'sara' } } },
      schema: { params: groupParam, body: memberBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      try {
        await addGroupMember(db, ctxOf(request), id, body.username);
      } catch (error) {
        const fields = fieldsOf(error);
        if (!fields) throw error;
        return renderGroups(request, reply, 422, {
          member: { groupId: id, form: { values: { username: body.username }, errors: fields } },
        });
      }
      request.flash('success', roomsAdminTranslator(request.locale).t('groups.added'));
      return reply.redirect('/admin/lokaler/grupper', 303);
    },
  );

  app.post(
    '/admin/lokaler/grupper/:id/ta-bort',
    {
      config: {
        access: ADMIN,
        examples: { params: { id: 'lokalservice' }, body: { userId: '00000000-0000-4000-8000-000000000000' } },
      },
      schema: { params: groupParam, body: removeBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      await removeGroupMember(db, ctxOf(request), id, request.body.userId);
      request.flash('success', roomsAdminTranslator(request.locale).t('groups.removed'));
      return reply.redirect('/admin/lokaler/grupper', 303);
    },
  );

  // ---- CSV import -------------------------------------------------------------------------------

  app.get(
    '/admin/lokaler/import',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) => reply.html(<ImportPage ctx={request.pageContext()} />),
  );

  // The template (header and one valid example row) and today's rooms, both in the import's format.
  app.get(
    '/admin/lokaler/import/mall.csv',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (_request, reply) =>
      reply
        .header('content-disposition', attachment('rum-mall.csv'))
        .type(CSV_CONTENT_TYPE)
        .send(await templateCsv(db)),
  );

  app.get(
    '/admin/lokaler/export.csv',
    { config: { access: ADMIN }, schema: { querystring: z.object({ lang }) } },
    async (_request, reply) =>
      reply
        .header('content-disposition', attachment(`rum-${toLocal(clock()).date}.csv`))
        .type(CSV_CONTENT_TYPE)
        .send(await exportRoomsCsv(db)),
  );

  app.post(
    '/admin/lokaler/import',
    { config: { access: ADMIN }, schema: { body: importBody } },
    async (request, reply) => {
      const file = request.body.file;
      if (!file || file.content.length === 0)
        return reply.html(
          <ImportPage ctx={request.pageContext()} fileError={{ field: 'file', code: 'emptyFile' }} />,
          422,
        );
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
      } catch {
        return reply.html(
          <ImportPage ctx={request.pageContext()} fileError={{ field: 'file', code: 'notCsv' }} />,
          422,
        );
      }
      const report = await importRooms(db, ctxOf(request), text);
      return reply.html(<ImportPage ctx={request.pageContext()} report={report} />, report.applied ? 200 : 422);
    },
  );
};
