/**
 * The demo's closed rating vote at the size of Ozersk's (source 002: 9,305 residents aged 14 and
 * over): its synthetic ballots written by one set-based statement, so that loading the demo stays
 * quick. Each synthetic voter is a distinct `voter_key` (`demo-voter-<n>`) with no resident account
 * (`voter_id` NULL), so the one-ballot-per-voter UNIQUE (vote_id, voter_key) holds and the vote's
 * close tells no one of them. The choices are drawn by the options' weights from a hash of the
 * ballot's number (reproducible), the receipts are the SHA-256 of a per-ballot text, and the cast
 * times are spread over the vote's term.
 */
import type { Queryable } from "../db.ts";

export async function insertSyntheticPastBallots(
  q: Queryable,
  x: {
    voteId: string;
    /** the options in their order and their relative weights (any positive numbers) */
    options: { id: string; weight: number }[];
    /** numbers of the synthetic voters: from, from + 1, …, from + count − 1 */
    from: number;
    count: number;
    /** every n-th ballot (by number) chooses one option; the others choose two */
    singleEvery: number;
  },
): Promise<number> {
  const r = await q.query(
    `WITH o AS (
       SELECT i::int AS i, id, w / sum(w) OVER () AS w FROM unnest($2::uuid[], $3::float8[]) WITH ORDINALITY AS u(id, w, i)
     ), opts AS (
       SELECT i, id, coalesce(sum(w) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS lo,
              sum(w) OVER (ORDER BY i) AS hi, count(*) OVER () AS k
         FROM o
     ), b AS (
       SELECT n, ((get_byte(h, 0) * 256 + get_byte(h, 1)) / 65536.0)::float8 AS r1,
              ((get_byte(h, 2) * 256 + get_byte(h, 3)) / 65536.0)::float8 AS r2
         FROM generate_series($4::int, $4::int + $5::int - 1) AS n,
              LATERAL (SELECT sha256(convert_to('demo-ballot-' || $1::text || '-' || n, 'UTF8')) AS h) AS hx
     )
     INSERT INTO vote_ballot (vote_id, municipality_id, voter_id, voter_key, receipt_hash, choices, cast_at)
     SELECT v.id, v.municipality_id, NULL, 'demo-voter-' || b.n,
            encode(sha256(convert_to('demo-receipt-' || v.id::text || '-' || b.n, 'UTF8')), 'hex'),
            CASE WHEN b.n % $6::int = 0 THEN ARRAY[a.id]
                 WHEN a.id <> c.id THEN ARRAY[a.id, c.id]
                 ELSE ARRAY[a.id, (SELECT nx.id FROM opts nx WHERE nx.i = a.i % a.k + 1)] END,
            v.starts_at + (v.ends_at - v.starts_at) * ((b.n - $4::int + 1)::float8 / ($5::int + 1))
       FROM vote v
       CROSS JOIN b
       JOIN opts a ON b.r1 >= a.lo AND (b.r1 < a.hi OR a.i = a.k)
       JOIN opts c ON b.r2 >= c.lo AND (b.r2 < c.hi OR c.i = c.k)
      WHERE v.id = $1::uuid`,
    [x.voteId, x.options.map((o) => o.id), x.options.map((o) => o.weight), x.from, x.count, x.singleEvery],
  );
  return r.rowCount ?? 0;
}
