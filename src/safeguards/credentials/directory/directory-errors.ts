import { HttpError } from '../../../platform/http/index.ts';

/** Where in an uploaded file a problem is: a CSV line (1-based) or a JSON record (1-based). */
export interface DirectoryErrorPlace {
  file: string;
  line?: number;
  record?: number;
  column?: string;
}

/**
 * A directory export (or terminations list, or --map option) that cannot be read as given. An
 * HttpError (400) so routes can pass it through; the message starts with where
 * (`users.csv line 14, column Enabled: ...`) so the CLI and the UI can show it as is.
 */
export class DirectoryInputError extends HttpError {
  override name = 'DirectoryInputError';
  readonly place: DirectoryErrorPlace;

  constructor(place: DirectoryErrorPlace, message: string) {
    super(400, 'invalid_directory_export', `${describePlace(place)}: ${message}`, [
      { where: describePlace(place), message },
    ]);
    this.place = place;
  }
}

export function describePlace(place: DirectoryErrorPlace): string {
  const at = [place.file];
  if (place.line !== undefined) at.push(`line ${place.line}`);
  if (place.record !== undefined) at.push(`record ${place.record}`);
  const where = at.join(' ');
  return place.column === undefined ? where : `${where}, column ${place.column}`;
}
