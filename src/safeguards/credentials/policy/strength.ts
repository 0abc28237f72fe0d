import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import type { PasswordStrength } from '../../../api-types.ts';

export interface StrengthEstimate {
  strength: PasswordStrength;
  /** zxcvbn explained the whole password as keyboard walks, repeats and sequences. */
  onlyPatterns: boolean;
}

export interface StrengthEstimator {
  estimate(password: string, userInputs: readonly string[]): StrengthEstimate;
}

const STRUCTURAL = new Set(['spatial', 'repeat', 'sequence']);
// Measured on 2 cores: with the default of 100 look-alike substitutions a random 20-character
// string with digits takes 80 ms and a 256-character one 2 s (a cheap way to tie up the
// server); with 8, 6 ms and 150 ms, and the same scores for "P@55w0rd!123", "Summ3r2024!".
const L33T_MAX_SUBSTITUTIONS = 8;
// Only the first 100 characters are estimated: a longer password that is strong there is
// strong, and a weak one ("aaaa...") is already weak there.
const ESTIMATED_LENGTH = 100;

/**
 * zxcvbn-ts with the English and common dictionaries plus `contextWords` (the hospital's
 * names, departments and medical terms) as user inputs. Building the matcher takes about
 * 100 ms, so it happens once, on the first estimate; per-user inputs (username, name) are
 * passed to each check, which merges them without rebuilding.
 */
export function createStrengthEstimator(contextWords: readonly string[]): StrengthEstimator {
  let factory: ZxcvbnFactory | undefined;
  return {
    estimate(password, userInputs) {
      factory ??= new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary, userInputs: [...contextWords] },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
        maxLength: ESTIMATED_LENGTH,
      });
      const result = factory.check(password, [...userInputs]);
      return { strength: toStrength(result), onlyPatterns: isOnlyPatterns(result) };
    },
  };
}

function toStrength(result: ZxcvbnResult): PasswordStrength {
  return {
    score: result.score,
    // Ward and most hospital systems store passwords with a slow hash, so the offline
    // slow-hash scenario is the realistic one after a database leak.
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  };
}

function isOnlyPatterns(result: ZxcvbnResult): boolean {
  return result.sequence.length > 0 && result.sequence.every((m) => STRUCTURAL.has(m.pattern));
}
