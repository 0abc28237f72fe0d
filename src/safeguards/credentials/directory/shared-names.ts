/**
 * Generic names that several people sign in with: ward and station logins, reception desks,
 * test and training accounts, built-in administrators. Shared logins leave no individual
 * accountability (HIPAA 164.312(a)(2)(i), unique user identification) and their passwords
 * outlive staff turnover.
 */
const SHARED_WORDS = [
  'admin',
  'administrator',
  'nurse',
  'nurses',
  'nursing',
  'doctor',
  'doctors',
  'reception',
  'receptionist',
  'front',
  'desk',
  'frontdesk',
  'station',
  'ward',
  'theatre',
  'theater',
  'theatres',
  'lab',
  'labs',
  'pharmacy',
  'scanner',
  'scan',
  'kiosk',
  'test',
  'tester',
  'temp',
  'guest',
  'training',
  'trainee',
  'shared',
  'generic',
  'user',
  'users',
  'staff',
  'team',
  'office',
  'clinic',
  'icu',
  'radiology',
  'xray',
  'triage',
  'workstation',
  'demo',
];
// No two-letter words (ED, ER, PC): they glue onto names, and `ed` + `ward` is Edward.
const WORDS = new Set(SHARED_WORDS);
const LONGEST = Math.max(...SHARED_WORDS.map((w) => w.length));

/**
 * Whether the account name (its local part: no domain, no `@...`) is made only of generic
 * words and numbers: `nurse1`, `ward3`, `front.desk`, `TheatreTeam`, `test_user2`. A name
 * with any other word (`jsmith`, `adm-jsmith`, `lab.jones`) is someone's.
 */
export function isSharedAccountName(account: string): boolean {
  const local = account.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();
  const parts = local.split(/[^a-z]+/).filter(Boolean);
  return parts.length > 0 && parts.every(isGenericWord);
}

/** A run of letters that splits wholly into generic words (`nursestation` = nurse + station). */
function isGenericWord(word: string): boolean {
  const ok: boolean[] = [true];
  for (let end = 1; end <= word.length; end++) {
    ok[end] = false;
    for (let start = Math.max(0, end - LONGEST); start < end; start++) {
      if (ok[start] && WORDS.has(word.slice(start, end))) {
        ok[end] = true;
        break;
      }
    }
  }
  return ok[word.length] === true;
}

/** AD descriptions often say so: "Shared login for Ward 3", "generic account". */
export function describesSharedAccount(description: string | null): boolean {
  return (
    description !== null &&
    /\b(shared|generic|communal)\s+(account|login|user)\b/i.test(description)
  );
}
