// Scheme parameters as the CLI takes them ("m=19456,t=2,p=1") and as the rating reads them.

export type HashParams = Record<string, number | string>;

/** The first of `names` given in `params`, as a number; throws naming what to give. */
export function numberParam(algo: string, params: HashParams, names: readonly string[]): number {
  for (const name of names) {
    const value = params[name];
    if (value === undefined) continue;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number) || number < 0) {
      throw new Error(`${algo}: parameter ${name}="${value}" is not a number`);
    }
    return number;
  }
  throw new Error(
    `${algo} needs the parameter ${names[0]} (e.g. ${EXAMPLE[algo] ?? `${names[0]}=...`})`,
  );
}

const EXAMPLE: Record<string, string> = {
  argon2id: 'm=19456,t=2,p=1',
  argon2i: 'm=19456,t=2,p=1',
  argon2d: 'm=19456,t=2,p=1',
  scrypt: 'N=2^17,r=8,p=1',
  bcrypt: 'cost=12',
  'pbkdf2-sha1': 'iterations=1300000',
  'pbkdf2-sha256': 'iterations=600000',
  'pbkdf2-sha512': 'iterations=210000',
  sha512crypt: 'rounds=656000',
  sha256crypt: 'rounds=600000',
};

/**
 * Reads the CLI's `--params` list: "m=19456,t=2,p=1", "N=2^17,r=8,p=1", "ln=17,r=8,p=1" (ln is
 * log2 N), "cost=12", "iterations=600000". Numbers become numbers; errors say which item is wrong.
 */
export function parseHashCheckParams(text: string): HashParams {
  const params: HashParams = {};
  const items = text
    .split(/[,;\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  items.forEach((item, index) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(item);
    if (!match) {
      throw new Error(
        `parameters: item ${index + 1} "${item}" is not key=value (expected e.g. m=19456,t=2,p=1)`,
      );
    }
    const key = match[1]!;
    const value = match[2]!;
    if (key in params || (key === 'ln' && 'N' in params)) {
      throw new Error(`parameters: ${key} is given twice`);
    }
    const power = /^2\^(\d{1,2})$/.exec(value);
    const number = power
      ? 2 ** Number(power[1])
      : /^\d+(?:_\d{3})*$/.test(value)
        ? Number(value.replace(/_/g, ''))
        : undefined;
    if (key === 'ln') {
      if (number === undefined) throw new Error(`parameters: ln="${value}" is not a whole number`);
      params['N'] = 2 ** number;
      return;
    }
    params[key] = number ?? value;
  });
  return params;
}
