/**
 * The global search (issue 13): full-text search of the Russian configuration over `search_entry`
 * (kept by triggers on the source tables) with trigram similarity of each word of the query to the
 * title, so that a word with a typo still finds its row; people by name; the units of ОКЕИ.
 */
import type { Queryable } from "../db.ts";
import type { AppUserTable, DepartmentTable, MembershipTable, OkeiUnitTable, SearchEntryTable } from "../schema.generated.ts";

/** A word of the query counts as found in a title at this word similarity (pg_trgm `word_similarity`). */
export const WORD_SIMILARITY = 0.5;

export interface SearchEntryHit {
  id: string;
  kind: SearchEntryTable["kind"];
  source: string;
  programId: string | null;
  programName: string | null;
  code: string | null;
  title: string;
  score: number;
}

/** The words of a query worth comparing (letters and digits, 3 characters or more, lower case, at most 8). */
export function searchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  return [...new Set(words)].slice(0, 8);
}

/**
 * The municipality's rows matching the query: its words as a full-text query (any of them, the
 * Russian stemmer) or one of its words similar to a word of the title; best first — the
 * full-text rank plus the mean over the query's words of their best similarity in the title, half
 * the similarity of the whole query to the whole title (a short title that is mostly the query
 * comes before a long one that shares a word), and a little more for a program itself.
 */
export async function searchEntries(
  q: Queryable,
  municipalityId: string,
  text: string,
  opts: { kind?: SearchEntryTable["kind"]; limit: number },
): Promise<SearchEntryHit[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const r = await q.query<
    Pick<SearchEntryTable, "id" | "kind" | "source" | "program_id" | "code" | "title"> & { program_name: string | null; score: number }
  >(
    `WITH query AS (
       SELECT nullif(replace(plainto_tsquery('russian', search_lower($2))::text, ' & ', ' | '), '')::tsquery AS tsq,
              (SELECT array_agg(search_fold(w)) FROM unnest($3::text[]) w) AS words, search_fold($2) AS folded
     ), scored AS (
       SELECT s.id, s.kind, s.source, s.program_id, s.code, s.title,
              coalesce(ts_rank(s.tsv, query.tsq), 0) AS rank,
              (SELECT avg(word_similarity(w, s.title_fold)) FROM unnest(query.words) w) AS similarity,
              (SELECT max(word_similarity(w, s.title_fold)) FROM unnest(query.words) w) AS best,
              similarity(query.folded, s.title_fold) AS whole
         FROM search_entry s, query
        WHERE s.municipality_id = $1 AND ($4::text IS NULL OR s.kind = $4)
     )
     SELECT sc.id, sc.kind, sc.source, sc.program_id, sc.code, sc.title, p.name AS program_name,
            (sc.rank + sc.similarity + sc.whole / 2 + CASE WHEN sc.kind = 'program' THEN 0.1 ELSE 0 END)::float8 AS score
       FROM scored sc LEFT JOIN program p ON p.id = sc.program_id
      WHERE sc.rank > 0 OR sc.best >= $5
      ORDER BY score DESC, sc.title
      LIMIT $6`,
    [municipalityId, text, words, opts.kind ?? null, WORD_SIMILARITY, opts.limit],
  );
  return r.rows.map((x) => ({
    id: x.id,
    kind: x.kind,
    source: x.source,
    programId: x.program_id,
    programName: x.program_name,
    code: x.code,
    title: x.title,
    score: Number(x.score),
  }));
}

export interface PersonHit {
  userId: string;
  fullName: string;
  role: string;
  departmentName: string | null;
  score: number;
}

/** Active members of the municipality whose name contains the query or one of its words, typos allowed. */
export async function searchPeople(q: Queryable, municipalityId: string, text: string, limit: number): Promise<PersonHit[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const r = await q.query<
    Pick<AppUserTable, "id" | "full_name"> &
      Pick<MembershipTable, "role"> & { department_name: DepartmentTable["name"] | null; score: number }
  >(
    `SELECT u.id, u.full_name, m.role, d.name AS department_name,
            (SELECT avg(word_similarity(search_fold(w), search_fold(u.full_name))) FROM unnest($2::text[]) w)::float8 AS score
       FROM membership m JOIN app_user u ON u.id = m.user_id LEFT JOIN department d ON d.id = m.department_id
      WHERE m.municipality_id = $1 AND u.is_active
        AND (SELECT max(word_similarity(search_fold(w), search_fold(u.full_name))) FROM unnest($2::text[]) w) >= $3
      ORDER BY score DESC, u.full_name
      LIMIT $4`,
    [municipalityId, words, WORD_SIMILARITY, limit],
  );
  return r.rows.map((x) => ({
    userId: x.id,
    fullName: x.full_name,
    role: x.role,
    departmentName: x.department_name,
    score: Number(x.score),
  }));
}

export type OkeiUnitRecord = Pick<OkeiUnitTable, "code" | "name" | "symbol" | "section">;

/** The units of ОКЕИ: all in the classifier's order, or those whose code, name or symbol matches the text (typos allowed). */
export async function listOkeiUnits(q: Queryable, text: string | null, limit: number): Promise<OkeiUnitRecord[]> {
  if (!text) {
    const r = await q.query<OkeiUnitRecord>(`SELECT code, name, symbol, section FROM okei_unit ORDER BY ord LIMIT $1`, [limit]);
    return r.rows;
  }
  const r = await q.query<OkeiUnitRecord>(
    `SELECT code, name, symbol, section FROM okei_unit
      WHERE code = $1 OR search_lower(name || ' ' || symbol) LIKE '%' || search_lower($4) || '%'
         OR word_similarity(search_fold($1), search_fold(name || ' ' || symbol)) >= $2
      ORDER BY (code = $1) DESC, (search_lower(symbol) = search_lower($1)) DESC, (search_lower(name) LIKE search_lower($4) || '%') DESC,
               word_similarity(search_fold($1), search_fold(name || ' ' || symbol)) DESC, ord
      LIMIT $3`,
    [text, WORD_SIMILARITY, limit, text.replace(/[\\%_]/g, "\\$&")],
  );
  return r.rows;
}
