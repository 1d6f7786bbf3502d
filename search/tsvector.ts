/**
 * A document's lexemes as the in-memory index keeps them: how often each occurs with weight A (name),
 * B (categories, services, NAF, labels) and C (description, places), packed in one number.
 */
export type TermCount = { lexeme: string; packed: number };

const MAX_COUNT = 255;

export function packCounts(a: number, b: number, c: number): number {
  return Math.min(a, MAX_COUNT) | (Math.min(b, MAX_COUNT) << 8) | (Math.min(c, MAX_COUNT) << 16);
}

export function unpackCounts(packed: number): { a: number; b: number; c: number } {
  return { a: packed & 0xff, b: (packed >> 8) & 0xff, c: (packed >> 16) & 0xff };
}

const QUOTE = 39; // '
const COLON = 58; // :
const SPACE = 32;

/**
 * Parses PostgreSQL's text output of a tsvector: `'lexeme':1A,5A,16B 'other':3`. Quotes inside a
 * lexeme are doubled; a position without a letter has weight D, and a lexeme without positions
 * (a stripped vector) counts once; D counts as C (we never set D). A hand-written scanner: this
 * runs over every document when a process loads the index.
 */
export function parseTsvector(text: string): TermCount[] {
  const out: TermCount[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text.charCodeAt(i) !== QUOTE) i++;
    if (i >= n) break;
    i++;
    let lexeme = "";
    let start = i;
    for (;;) {
      if (i >= n) break;
      if (text.charCodeAt(i) === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          lexeme += text.slice(start, i + 1);
          i += 2;
          start = i;
          continue;
        }
        break;
      }
      i++;
    }
    lexeme += text.slice(start, i);
    i++; // closing quote
    let [a, b, c] = [0, 0, 0];
    if (text.charCodeAt(i) === COLON) {
      i++;
      while (i < n && text.charCodeAt(i) !== SPACE) {
        // digits, then an optional weight letter, then a comma or the end
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const weight = text[i];
        if (weight === "A") a++;
        else if (weight === "B") b++;
        else c++;
        while (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== SPACE) i++;
        if (text.charCodeAt(i) === 44) i++;
      }
    } else {
      c = 1;
    }
    out.push({ lexeme, packed: packCounts(a, b, c) });
  }
  return out;
}
