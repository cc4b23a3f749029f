-- 0006: effectiveness evaluation (issue 3).
--  * a municipality's own evaluation methodologies: its own parameters of a preset, or its own
--    tree of levels, stored as the domain's Methodology (JSON). A row is never changed: a new
--    version is a new row, so that a result that names (preset, version) can always be redone;
--  * the municipality's choice: the methodology its programs are evaluated by, and the
--    thresholds that class strategy and plan indicators (achieved / in progress / negative).

CREATE TABLE evaluation_methodology (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  preset text NOT NULL CHECK (preset ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  preset_version integer NOT NULL CHECK (preset_version >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  definition jsonb NOT NULL,
  comment text,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, preset, preset_version)
);

CREATE TABLE evaluation_setting (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id) ON DELETE CASCADE,
  preset text NOT NULL,
  -- null: the latest version of the preset
  preset_version integer CHECK (preset_version IS NULL OR preset_version >= 1),
  -- {"achievedFrom": "100", "negativeBelow": "90", "worseThanPrevious": true}; null: the defaults
  thresholds jsonb,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
