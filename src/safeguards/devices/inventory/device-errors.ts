import { HttpError } from '../../../platform/http/index.ts';

/** Where in an uploaded file a problem is. */
export interface DevicePlace {
  file: string;
  line?: number;
  column?: string;
}

/**
 * An inventory CSV, SBOM or option that cannot be read as given. An HttpError (400) so routes
 * pass it through; the message starts with where (`devices.csv line 14, column IP Address: ...`)
 * so the CLI and the UI can show it as is.
 */
export class DeviceInputError extends HttpError {
  override name = 'DeviceInputError';
  readonly place: DevicePlace;

  constructor(place: DevicePlace, message: string) {
    const where = describePlace(place);
    super(400, 'invalid_device_input', `${where}: ${message}`, [{ where, message }]);
    this.place = place;
  }
}

function describePlace(place: DevicePlace): string {
  const where = place.line === undefined ? place.file : `${place.file} line ${place.line}`;
  return place.column === undefined ? where : `${where}, column ${place.column}`;
}
