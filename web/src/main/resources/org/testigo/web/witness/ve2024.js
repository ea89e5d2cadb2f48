// Reads a Venezuela 2024 acta QR text for the witness to review before sending:
// CCCCCCCCC.MM.1.0001!v0,…,vN!NULLS!F4 (see core's Ve2024Payload). Display only: the server decodes and
// checks every payload itself, and refuses what it cannot count.

const ACTA_ID = /^(\d{9}\.\d{2})\.[^!]*$/;
const NUMBER = /^(0|[1-9]\d{0,8})$/;

/** The acta's table and counts, or null when the text is not a well-formed ve-2024 payload. */
export function decodeVe2024(text) {
  const parts = String(text).trim().split('!');
  if (parts.length !== 4) {
    return null;
  }
  const id = ACTA_ID.exec(parts[0]);
  if (!id) {
    return null;
  }
  const counts = parts[1].split(',');
  if (!counts.every((c) => NUMBER.test(c)) || !NUMBER.test(parts[2]) || !NUMBER.test(parts[3])) {
    return null;
  }
  const numbers = counts.map(Number);
  return {
    actaId: parts[0], table: id[1], counts: numbers, nullVotes: Number(parts[2]), field4: Number(parts[3]),
    valid: numbers.reduce((a, b) => a + b, 0),
  };
}
