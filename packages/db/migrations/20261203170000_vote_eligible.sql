-- issue 14 (part 6): the base of a vote's turnout. Residents with an account are a small part of
-- those entitled to vote; the municipality may give the number entitled (e.g. residents aged 14 and
-- over by the statistics office). Frozen with the vote's other rules once it opens (set at creation).
ALTER TABLE vote ADD COLUMN eligible_voters integer CHECK (eligible_voters IS NULL OR eligible_voters >= 1);
