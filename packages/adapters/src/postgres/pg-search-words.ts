import type pg from 'pg';

// A prefix standing for more words than this is short and common: GIN reads it as a prefix.
const MAX_EXPANSION = 64;
// The words the last term begins, from the word list (0014), folded as the vectors are.
const WORDS = `SELECT word FROM search_words WHERE word >= ld_fold($1) AND word < ld_fold($1) || chr(1114111)
  ORDER BY word LIMIT ${MAX_EXPANSION + 1}`;

const lexeme = (word: string): string => `'${word.replace(/'/g, "''")}'`;

/**
 * The query as tsquery text, the last term a prefix expanded to the exact words it begins
 * (GIN then steps through posting lists instead of reading each whole); null when no word
 * begins with it, so nothing can match.
 */
export async function expandQuery(pool: pg.Pool, terms: readonly string[]): Promise<string | null> {
  const last = terms[terms.length - 1]!;
  const words = ((await pool.query(WORDS, [last])).rows as { word: string }[]).map((r) => r.word);
  if (words.length === 0) return null;
  const tail = words.length > MAX_EXPANSION ? `${lexeme(last)}:*` : `(${words.map(lexeme).join(' | ')})`;
  return [...terms.slice(0, -1).map(lexeme), tail].join(' & ');
}
