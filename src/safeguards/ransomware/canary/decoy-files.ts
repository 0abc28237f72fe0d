import { randomBytes, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Decoy names a ransomware operator (or the encryptor walking the share) finds worth touching.
 * Encryptors usually walk a folder in directory order, so most names start with `!`, `0` or `~`
 * and sort before the real files; one sorts last for those that walk backwards. `{year}` is the
 * current year, so the names do not look stale.
 */
export const DECOY_NAMES: readonly string[] = [
  '!Patient_Transfer_List_{year}.xlsx',
  '0_Payroll_March.xlsx',
  '!EHR_admin_passwords.docx',
  '0_Backup_Recovery_Keys.txt',
  '~Staff_Rota_ICU.xlsx',
  '!Insurance_Claims_Q1_{year}.pdf',
  '0_Theatre_Schedule.docx',
  '~Pharmacy_Stock_Orders.csv',
  '!Lab_Results_Export.accdb',
  'zz_Radiology_Referrals_{year}.pdf',
];

/**
 * Content with the magic bytes of its extension (ZIP for OOXML, %PDF, the Access header, plain
 * text), so a tool that checks headers before encrypting still takes it, plus random filler so
 * every planted file has its own hash and a plausible size of a few kilobytes.
 */
export function decoyContent(name: string): Buffer {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const filler = randomBytes(randomInt(2_048, 12_288));
  switch (ext) {
    case 'xlsx':
    case 'docx':
      return storedZip([
        { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
        { name: ext === 'xlsx' ? 'xl/media/image1.bin' : 'word/media/image1.bin', data: filler },
      ]);
    case 'pdf':
      return Buffer.concat([
        Buffer.from(
          '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ' + filler.length + ' >>\nstream\n',
          'latin1',
        ),
        filler,
        Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
      ]);
    case 'accdb': {
      // Access 2007+ page 0: version bytes then "Standard ACE DB"; pages are 4 KiB.
      const page = Buffer.alloc(4096);
      page.write('\x00\x01\x00\x00Standard ACE DB\x00', 0, 'latin1');
      return Buffer.concat([page, filler]);
    }
    case 'csv':
      return Buffer.from(csvRows(filler.length / 40));
    default:
      return Buffer.from(textLines(filler.length / 48));
  }
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';

function csvRows(n: number): string {
  const rows = ['order_id,ward,item,quantity,requested_by'];
  for (let i = 0; i < n; i++)
    rows.push(
      `${100_000 + i},W${randomInt(1, 30)},ITEM-${randomInt(1000, 9999)},${randomInt(1, 50)},staff${randomInt(1, 400)}`,
    );
  return rows.join('\r\n') + '\r\n';
}

function textLines(n: number): string {
  const lines = ['Recovery keys - keep offline', ''];
  for (let i = 0; i < n; i++)
    lines.push(
      `${randomBytes(6).toString('hex').toUpperCase()}-${randomBytes(12).toString('hex').toUpperCase()}`,
    );
  return lines.join('\r\n') + '\r\n';
}

/** A ZIP archive with stored (uncompressed) entries: local headers, central directory, end record. */
function storedZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
