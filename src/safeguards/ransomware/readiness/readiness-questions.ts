import type { ReadinessQuestion, Severity } from '../../../api-types.ts';

/** A question with what its finding says when the answer is missing, stale or not "yes". */
export interface ReadinessItem extends ReadinessQuestion {
  /** The finding's title: the gap, stated as a problem. */
  gap: string;
  severity: Extract<Severity, 'high' | 'medium'>;
  solution: string;
}

// Written for hospitals: the questions follow what decided recovery time in published hospital
// ransomware cases (backups reachable from the domain, restores never rehearsed, no paper
// downtime, e-mail and phones down with the network). Backup and restore gaps are high: without
// them recovery is measured in weeks, whatever else is in place.
export const READINESS_QUESTIONS: readonly ReadinessItem[] = [
  {
    key: 'offline-backups',
    text: 'Do offline or immutable backups exist of the EHR, imaging and identity systems?',
    help: 'Copies that ransomware on the domain cannot reach or change: tape or disks kept offline, object-lock/WORM storage, or a vault with its own credentials. A backup share mounted on a domain server does not count.',
    maxAgeDays: 90,
    gap: 'No confirmed offline or immutable backups',
    severity: 'high',
    solution:
      'Keep at least one copy of every critical system offline or immutable (tape rotation, object lock, air-gapped vault) and check quarterly that the copy exists and is recent.',
  },
  {
    key: 'restore-test-ehr',
    text: 'Has the EHR been restored from backup in a test within the last 6 months?',
    help: 'A full restore of the EHR database and application servers to an isolated environment, with the time it took written down. A backup job that reports success is not a restore test.',
    maxAgeDays: 180,
    gap: 'EHR restore not tested recently',
    severity: 'high',
    solution:
      'Restore the EHR into an isolated environment, have clinicians check that records open, and record how long it took against the downtime the hospital can bear.',
  },
  {
    key: 'restore-test-imaging',
    text: 'Has imaging (PACS/VNA) been restored from backup in a test within the last 6 months?',
    help: 'Imaging archives are large; a restore can take days. Test restoring the index and a sample of studies, and estimate the time for the whole archive.',
    maxAgeDays: 180,
    gap: 'Imaging/PACS restore not tested recently',
    severity: 'high',
    solution:
      'Restore the PACS database and a sample of studies from backup into an isolated environment; measure throughput and plan which studies come back first.',
  },
  {
    key: 'restore-test-identity',
    text: 'Have the domain controllers / identity system been restored in a test within the last 6 months?',
    help: 'Nothing else comes back without authentication. Practise an Active Directory forest recovery (or your identity provider’s equivalent) from a backup taken before a compromise.',
    maxAgeDays: 180,
    gap: 'Identity (domain controller) restore not tested recently',
    severity: 'high',
    solution:
      'Rehearse an Active Directory forest recovery in an isolated network from offline backups, following Microsoft’s forest recovery guide, and keep the runbook on paper.',
  },
  {
    key: 'backup-credentials-separate',
    text: 'Are backup administration credentials separate from the Windows domain?',
    help: 'Attackers delete backups with domain admin rights before encrypting. Backup consoles and storage should use accounts that do not exist in, and do not trust, the production domain.',
    maxAgeDays: 180,
    gap: 'Backup administration depends on domain credentials',
    severity: 'high',
    solution:
      'Move backup servers and storage to accounts outside the production domain (local or a separate management directory) with their own MFA, and remove domain groups from their administrators.',
  },
  {
    key: 'downtime-procedures',
    text: 'Have paper downtime procedures been tested in the last year?',
    help: 'Clinical units can admit, order, give medication and document on paper for days: forms printed, staff trained, a drill held in the last 12 months.',
    maxAgeDays: 365,
    gap: 'Paper downtime procedures not tested in the last year',
    severity: 'medium',
    solution:
      'Hold a downtime drill with clinical units (admission, orders, medication, lab results on paper), keep forms and recent patient lists printed, and fix what the drill shows.',
  },
  {
    key: 'out-of-band-communication',
    text: 'Is there out-of-band communication that does not depend on the hospital network?',
    help: 'Phones, radios or a messaging service that work when the network, VoIP and e-mail are down, with the incident team’s numbers on paper.',
    maxAgeDays: 365,
    gap: 'No tested out-of-band communication',
    severity: 'medium',
    solution:
      'Provide phones or radios and a messaging channel outside the hospital network for the incident team, print the contact list, and test it during the downtime drill.',
  },
  {
    key: 'incident-contacts',
    text: 'Have incident-response contacts (IR firm, cyber insurer, police/CERT, key vendors) been verified in the last 6 months?',
    help: 'Call or mail each contact and confirm the number, the contract or policy number, and who may engage them out of hours.',
    maxAgeDays: 180,
    gap: 'Incident-response contacts not verified recently',
    severity: 'medium',
    solution:
      'Verify the numbers of the IR retainer, insurer hotline, national CERT, police cyber unit and EHR/PACS vendors; keep a printed copy with the downtime procedures.',
  },
  {
    key: 'mfa-remote-backup',
    text: 'Is MFA enforced on all remote access (VPN, remote desktop, vendor access) and on backup consoles?',
    help: 'Stolen passwords on VPNs and vendor remote access are the most common way in; a backup console without MFA is the way to delete the backups.',
    maxAgeDays: 180,
    gap: 'MFA not enforced on remote access or backup consoles',
    severity: 'medium',
    solution:
      'Enforce MFA on VPN, remote desktop gateways, vendor remote-support tools and backup consoles; remove accounts that cannot use it or restrict them to jump hosts.',
  },
  {
    key: 'medical-device-segmentation',
    text: 'Are medical devices on network segments separated from workstations?',
    help: 'Infusion pumps, modalities and monitors in their own VLANs, with firewall rules allowing only what they need, so ransomware spreading between workstations cannot reach them.',
    maxAgeDays: 365,
    gap: 'Medical devices not segmented from workstations',
    severity: 'medium',
    solution:
      'Place medical devices in dedicated segments with allow-list firewall rules (device to its server only), and review the rules yearly.',
  },
];

/** Finding titles share this prefix, so the open ones can be found by a title search. */
export const TITLE_PREFIX = 'Recovery readiness: ';
