import { HttpError } from '../platform/http/index.ts';

export { notFound } from '../platform/http/index.ts';

/**
 * Input that breaks a domain rule. It is an HttpError (400) so routes can let it through, and
 * its message starts with the field, so the CLI and the UI can show it as is.
 */
export function invalidInput(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_request', `${field}: ${message}`, [{ where: field, message }]);
}
