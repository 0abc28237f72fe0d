/**
 * Active Directory's protected groups (the AdminSDHolder list, less the computer groups) and
 * the other built-in groups that give control of the domain. Membership is read from MemberOf
 * distinguished names (`CN=Domain Admins,CN=Users,DC=...`) or plain group names.
 */
const PRIVILEGED_AD_GROUPS = [
  'Domain Admins',
  'Enterprise Admins',
  'Schema Admins',
  'Administrators',
  'Account Operators',
  'Backup Operators',
  'Server Operators',
  'Print Operators',
  'Enterprise Key Admins',
  'Key Admins',
  'DnsAdmins',
  'Group Policy Creator Owners',
].map((g) => g.toLowerCase());

/** The privileged groups among the MemberOf values, as written in the export. */
export function privilegedGroups(memberOf: readonly string[]): string[] {
  const names = memberOf.flatMap((value) => {
    const cns = [...value.matchAll(/CN=((?:\\.|[^,\\])+)/gi)].map((m) =>
      (m[1] ?? '').replace(/\\(.)/g, '$1').trim(),
    );
    return cns.length ? cns : value.split(/[;,|\n]/).map((n) => n.trim());
  });
  return [...new Set(names.filter((n) => PRIVILEGED_AD_GROUPS.includes(n.toLowerCase())))];
}

/** What Export-Csv writes for a multi-valued property that was not joined into text first. */
export function isUnjoinedCollection(value: string): boolean {
  return /^Microsoft\.ActiveDirectory\.Management\.AD\w*Collection$|^System\.Object\[\]$/i.test(
    value.trim(),
  );
}
