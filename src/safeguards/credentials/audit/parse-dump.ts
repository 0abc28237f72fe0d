import type { CredentialFileFormat } from '../../../api-types.ts';
import { splitLines } from './format-detect.ts';
import { parseCsvDump, type CsvColumns } from './parse-csv.ts';
import { parseHtpasswd } from './parse-htpasswd.ts';
import { parseNtds } from './parse-ntds.ts';
import { parseShadow } from './parse-shadow.ts';
import type { ParsedDump } from './types.ts';

/** Reads the accounts of a dump whose format is known. */
export function parseDump(
  text: string,
  format: CredentialFileFormat,
  fileName: string,
  csv: CsvColumns = {},
): ParsedDump {
  switch (format) {
    case 'ntds':
      return parseNtds(splitLines(text));
    case 'shadow':
      return parseShadow(splitLines(text));
    case 'htpasswd':
      return parseHtpasswd(splitLines(text));
    case 'csv':
      return parseCsvDump(text, fileName, csv);
  }
}
