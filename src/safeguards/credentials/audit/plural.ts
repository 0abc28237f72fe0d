/** "1 account", "2,000 accounts": a count with its noun, for notes. */
export const count = (n: number, noun: string) =>
  `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
