import { contextKeysOf } from './context-words.ts';
import { MEDICAL_TERMS } from './medical-terms.ts';
import { SEASON_AND_MONTH_NAMES } from './seasons.ts';
import { loadAuditDictionary } from './word-lists.ts';

export interface BlocklistWordsOptions {
  orgNames?: readonly string[];
  departments?: readonly string[];
  extraWords?: readonly string[];
}

/**
 * The words a stored-credential audit hashes and looks for: `dictionary` holds the common
 * passwords and common English words as they are (lower case, about 89,000, built once and
 * shared); `context` the hospital's names with their run-together and abbreviated forms,
 * departments, local banned words, medical terms, seasons and months, lower case without spaces.
 */
export function blocklistWords(options: BlocklistWordsOptions = {}): {
  dictionary: readonly string[];
  context: readonly string[];
} {
  const context = new Set([
    ...contextKeysOf([
      ...(options.orgNames ?? []),
      ...(options.departments ?? []),
      ...(options.extraWords ?? []),
    ]),
    ...MEDICAL_TERMS,
    ...SEASON_AND_MONTH_NAMES,
  ]);
  return { dictionary: loadAuditDictionary(), context: [...context] };
}
