// Hex digits of the fractional part of pi, which Blowfish uses as its initial P-array and
// S-boxes ("nothing up my sleeve" constants, Schneier 1993). Computed with Machin's formula
// pi = 16 atan(1/5) - 4 atan(1/239) in BigInt fixed point instead of pasting 8,336 digits.

function atanInverse(x: bigint, one: bigint): bigint {
  // atan(1/x) = 1/x - 1/(3x^3) + 1/(5x^5) - ...
  const x2 = x * x;
  let power = one / x;
  let sum = power;
  for (let k = 1n; power !== 0n; k++) {
    power /= x2;
    const term = power / (2n * k + 1n);
    sum = k % 2n ? sum - term : sum + term;
  }
  return sum;
}

/** The first `count` 32-bit words of pi's fractional part (0x243f6a88, 0x85a308d3, ...). */
export function piFractionWords(count: number): Uint32Array {
  const guard = 64n;
  const bits = BigInt(count * 32) + guard;
  const one = 1n << bits;
  const pi = 16n * atanInverse(5n, one) - 4n * atanInverse(239n, one);
  let fraction = (pi - 3n * one) >> guard;
  const words = new Uint32Array(count);
  for (let i = count - 1; i >= 0; i--) {
    words[i] = Number(fraction & 0xffffffffn);
    fraction >>= 32n;
  }
  return words;
}
