import type { EntityValueType } from '@galley/contracts';

/**
 * The longest entity key text (UTF-8 bytes) that is stored online: its KV key (base64, 4/3 longer) must
 * stay well under the NATS server's control-line limit (4 KiB), and the contract caps a lookup's key
 * value at 1000 characters anyway.
 */
export const MAX_ENTITY_KEY_BYTES = 1000;

const DECIMAL_INTEGER = /^[+-]?\d+$/;

/**
 * The text of an entity key value as a lookup gives it: integer keys in their canonical decimal form
 * (`17`, `"17"` and `"017"` are the same station), string keys as they are. Null when the value cannot
 * name an entity (empty, too long, or not a whole number for an integer entity): such a lookup is
 * `missing`, never an error, because a client cannot know which keys exist.
 */
export function entityKeyText(value: string | number, valueType: EntityValueType): string | null {
  let text: string;
  if (valueType === 'integer') {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) return null;
      text = BigInt(value).toString();
    } else {
      if (!DECIMAL_INTEGER.test(value)) return null;
      text = BigInt(value).toString();
    }
  } else {
    text = typeof value === 'number' ? String(value) : value;
  }
  // A UTF-8 character is at most 3 bytes per UTF-16 unit: short texts need no byte count.
  const tooLong = text.length * 3 > MAX_ENTITY_KEY_BYTES && Buffer.byteLength(text, 'utf8') > MAX_ENTITY_KEY_BYTES;
  return text.length === 0 || tooLong ? null : text;
}

/**
 * The KV key of an entity: base64url (no padding) of the UTF-8 bytes of its key text. KV keys allow
 * only `[-/_=.a-zA-Z0-9]`, and `.` separates subject tokens, so user text never goes in verbatim;
 * base64url's alphabet is inside the allowed set and cannot form an empty token or a wildcard.
 * The same encoding is computed in DuckDB when materializing (see `onlineKeySql`).
 */
export function onlineKey(keyText: string): string {
  return Buffer.from(keyText, 'utf8').toString('base64url');
}

/** `onlineKey` in DuckDB SQL, over an expression yielding the key text. */
export function onlineKeySql(keyTextSql: string): string {
  return `replace(replace(rtrim(to_base64(encode(${keyTextSql})), '='), '+', '-'), '/', '_')`;
}
