-- Issue 15, parts 1, 4 and 6: files of the registry's documents, of the orders' reports and of the
-- appeals; districts with coordinates for the map of appeals; indexes of the dashboard and of
-- "my due items" measured by bench/control.ts.

-- A file of the control: stored as the other uploads are (stored_file: the type judged by its
-- content, the size limited by the app), attached to exactly one registry document, one event of
-- an order (its report) or one appeal. The file of an appeal is personal data: it is read only by
-- the staff assigned and the controllers, each reading logged, and it goes with the personal data
-- when the retention ends.
CREATE TABLE control_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES stored_file(id) ON DELETE RESTRICT,
  document_id uuid REFERENCES registry_document(id) ON DELETE CASCADE,
  order_id uuid REFERENCES control_order(id) ON DELETE CASCADE,
  order_event_id bigint REFERENCES control_order_event(id) ON DELETE CASCADE,
  appeal_id uuid REFERENCES appeal(id) ON DELETE CASCADE,
  title text,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  -- the clock's time: the files of one step keep the order they were given in
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (num_nonnulls(document_id, order_id, appeal_id) = 1),
  CHECK (order_event_id IS NULL OR order_id IS NOT NULL)
);
CREATE INDEX control_file_document ON control_file (document_id, created_at) WHERE document_id IS NOT NULL;
CREATE INDEX control_file_order ON control_file (order_id, order_event_id) WHERE order_id IS NOT NULL;
CREATE INDEX control_file_appeal ON control_file (appeal_id, created_at) WHERE appeal_id IS NOT NULL;
CREATE INDEX control_file_file ON control_file (file_id);

-- The territories (districts) of a municipality with the point the map of appeals draws them at
-- (WGS 84, degrees); an appeal's district is matched by name.
CREATE TABLE control_district (
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  lat numeric(9, 6) NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon numeric(9, 6) NOT NULL CHECK (lon BETWEEN -180 AND 180),
  PRIMARY KEY (municipality_id, name)
);

-- the discipline dashboard reads a year of orders by their term and of appeals by their registration
CREATE INDEX control_order_by_due ON control_order (municipality_id, due);
CREATE INDEX appeal_by_registration ON appeal (municipality_id, registered_on);
-- "my due items": the open orders and appeals of a person
CREATE INDEX control_order_open_by_user ON control_order (responsible_user_id, due) WHERE state <> 'done';
CREATE INDEX appeal_open_by_user ON appeal (assigned_user_id, due) WHERE state IN ('registered', 'inWork');

-- the registry's similarity search compares the transliterated summary: kept as a column, so that
-- neither the index's recheck nor the ranking computes it again per row (bench/control.ts)
ALTER TABLE registry_document ADD COLUMN summary_fold text GENERATED ALWAYS AS (search_fold(summary)) STORED;
DROP INDEX registry_document_trgm;
CREATE INDEX registry_document_trgm ON registry_document USING gin (summary_fold gin_trgm_ops);
-- the registry without words: the latest documents first, read along this index
CREATE INDEX registry_document_latest ON registry_document (municipality_id, reg_date DESC, seq DESC);
