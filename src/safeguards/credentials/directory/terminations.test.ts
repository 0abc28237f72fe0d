import { describe, expect, it } from 'vitest';
import { terminationsCsv } from './directory-fixtures.ts';
import { parseTerminations } from './terminations.ts';

describe('parseTerminations', () => {
  it('indexes every identifier, keeping the latest date of someone listed twice', () => {
    const terms = parseTerminations({
      fileName: 'leavers.csv',
      text: terminationsCsv([
        {
          account: 'jsmith',
          email: 'Jane.Smith@x.org',
          employeeId: 'E7',
          leavingDate: '2025-06-30',
        },
        { account: 'jsmith', leavingDate: '2026-02-27' },
      ]),
    });
    expect(terms.byIdentifier.get('jsmith')?.leftOn.toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(terms.byIdentifier.get('jane.smith@x.org')?.line).toBe(2);
    expect(terms.byIdentifier.get('e7')?.leftOn.toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });

  it('names the columns it needs and the values it cannot read', () => {
    expect(() =>
      parseTerminations({ fileName: 'l.csv', text: 'Name,Leaving date\nJane,2026-01-01\n' }),
    ).toThrow(
      'l.csv: missing an account, email or employeeId column in the terminations list; columns found: Name, Leaving date',
    );
    expect(() => parseTerminations({ fileName: 'l.csv', text: 'Account,Team\njs,ED\n' })).toThrow(
      /^l\.csv: missing a leaving date column .* columns found: Account, Team$/,
    );
    expect(() =>
      parseTerminations({
        fileName: 'l.csv',
        text: 'Account,Leaving date\njs,2026-01-01\nkb,soon\n',
      }),
    ).toThrow(/^l\.csv line 3, column Leaving date: expected a date/);
    expect(() =>
      parseTerminations({ fileName: 'l.csv', text: 'Account,Leaving date\njs,\n' }),
    ).toThrow('l.csv line 2, column Leaving date: the leaving date is empty');
  });
});
