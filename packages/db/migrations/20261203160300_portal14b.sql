-- Issue 14, part 4: a public hearing recorded with what its protocol states — the number of
-- participants, the protocol's number and date — also for a hearing recorded after it was held
-- (as Ozersk's of 22.11.2018), not only announced beforehand.
ALTER TABLE public_hearing
  ADD COLUMN participants integer CHECK (participants IS NULL OR participants >= 0),
  ADD COLUMN protocol_number text CHECK (protocol_number IS NULL OR length(trim(protocol_number)) > 0),
  ADD COLUMN protocol_date date;
