import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

/** A file field of a multipart form, read into memory (uploads here are small and size-limited). */
export interface UploadedFile {
  filename: string;
  content: Buffer;
}

export const uploadedFileSchema = z.custom<UploadedFile>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UploadedFile).filename === 'string' &&
    Buffer.isBuffer((value as UploadedFile).content),
);

const MAX_PARTS = 10;
/** Room for the form's text fields and part headers on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Parses `multipart/form-data` bodies for the routes of the plugin it is registered in, while
 * Fastify parses the body — before the platform's CSRF check (a root `preValidation` hook),
 * which then finds the form's `_csrf` field in `request.body` like on any other form.
 * (`@fastify/multipart` attaches fields in its own `preValidation` hook, which runs after the
 * root's, so the CSRF check would never see the token of a plain no-JavaScript form.)
 *
 * The body is read with Fastify's own limit (`maxFileBytes` plus room for the fields): a larger
 * request is refused with 413 before it is parsed, and nothing is kept. Parsing uses the
 * standard `Response.formData()` of Node's fetch implementation.
 */
export function registerMultipartBody(app: FastifyInstance, options: { maxFileBytes: number }): void {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: options.maxFileBytes + FORM_OVERHEAD_BYTES },
    async (request: FastifyRequest, body: Buffer) => {
      const contentType = request.headers['content-type'] ?? '';
      let form: FormData;
      try {
        form = await new Response(body as unknown as BodyInit, { headers: { 'content-type': contentType } }).formData();
      } catch {
        throw new AppError('BAD_REQUEST', 'The form data could not be read.');
      }
      const fields: Record<string, string | UploadedFile | undefined> = Object.create(null);
      let parts = 0;
      for (const [name, value] of form) {
        if (++parts > MAX_PARTS) throw new AppError('BAD_REQUEST', 'The form has too many parts.');
        if (name in fields) continue; // the first value of a repeated field wins
        if (typeof value === 'string') {
          fields[name] = value;
        } else if (value.size === 0 && value.name === '') {
          fields[name] = undefined; // a file input left empty
        } else {
          fields[name] = { filename: value.name, content: Buffer.from(await value.arrayBuffer()) };
        }
      }
      return fields;
    },
  );
}
