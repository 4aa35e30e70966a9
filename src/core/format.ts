/**
 * `1532` → `1,532`. Written out because `toLocaleString` builds an ICU formatter per call, which costs
 * more than counting the words of a turn.
 */
export function formatCount(value: number): string {
  const digits = String(value);
  if (digits.length <= 3) return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** `plural(2, 'word')` → `2 words`. */
export function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}
