/**
 * Validations that tell a personal number from any other long number: a card number
 * passes Luhn, a resident ID has a real birth date and its ISO 7064 check character.
 * Without them every order number and amount would be redacted.
 */

/** Luhn (mod 10) over the digits of `s`; separators are ignored. */
export function luhn(s: string): boolean {
  const digits = s.replace(/[^0-9]/g, '');
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID (GB 11643): a real birth date and a matching check character. */
export function cnId(s: string): boolean {
  const id = s.toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

export const CHECKS = { luhn, 'cn-id': cnId } as const;
export type CheckName = keyof typeof CHECKS;
