/**
 * An error that becomes an HTTP response with a stable code and a message a user can act on.
 * `details` says where: a field path, or a file line and element for imports.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'authentication required') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'your role does not allow this') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) =>
  new HttpError(409, 'conflict', message, details);

/** The JSON body of every error response. */
export type { ApiError as ErrorBody } from '../../api-types.ts';
