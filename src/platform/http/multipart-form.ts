import type { FastifyRequest } from 'fastify';
import { badRequest, HttpError } from './errors.ts';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

export interface ReceivedForm {
  files: Map<string, UploadedFile>;
  fields: Map<string, string>;
}

/**
 * Reads a small multipart form into memory: credential dumps and directory exports are a few
 * megabytes even for large hospitals, and the analyzers need the whole text. Unknown fields are
 * refused by name so a typo does not silently fall back to a default.
 */
export async function receiveForm(
  request: FastifyRequest,
  expected: { files: readonly string[]; fields: readonly string[] },
): Promise<ReceivedForm> {
  if (!request.isMultipart()) {
    throw badRequest(`send multipart/form-data with the file in field "${expected.files[0]}"`);
  }
  const files = new Map<string, UploadedFile>();
  const fields = new Map<string, string>();
  const parts = request.parts({ limits: { files: expected.files.length } });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!expected.fields.includes(part.fieldname)) {
        throw badRequest(
          `unknown form field "${part.fieldname}"; expected ${[...expected.files, ...expected.fields].join(', ')}`,
        );
      }
      fields.set(part.fieldname, String(part.value).trim());
      continue;
    }
    if (!expected.files.includes(part.fieldname)) {
      part.file.resume();
      throw badRequest(
        `unexpected file field "${part.fieldname}"; expected ${expected.files.join(' or ')}`,
      );
    }
    const data = await part.toBuffer();
    if (part.file.truncated) {
      throw new HttpError(413, 'too_large', `${part.fieldname}: the file is larger than allowed`);
    }
    files.set(part.fieldname, { fileName: part.filename || part.fieldname, data });
  }
  return { files, fields };
}
