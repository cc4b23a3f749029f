-- Control of orders and citizens' appeals (issue 15): the registry of documents with its numbering
-- rules, meetings with their protocols, orders on control with their deadlines' history and events,
-- citizens' appeals (59-ФЗ) with the log of access to their personal data.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- pg_trgm sees no letters in Cyrillic under the C locale (the embedded server's): the registry's
-- similarity search compares the transliteration `search_fold` of the global search (migration
-- 20261203100300_search_okei), so that a misspelt Russian word stays similar to the right one.

-- The municipality's settings of control: which department is the office (канцелярия, управление
-- делами): its members register documents, orders and appeals and act as controllers.
CREATE TABLE control_setting (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id) ON DELETE CASCADE,
  office_department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  reminder_days_before integer NOT NULL DEFAULT 3 CHECK (reminder_days_before BETWEEN 0 AND 30),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The head of each department, to whom the overdue orders of the department are escalated.
CREATE TABLE control_department_head (
  department_id uuid PRIMARY KEY REFERENCES department(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE
);
CREATE INDEX ON control_department_head (municipality_id);

-- ---- registry of documents -----------------------------------------------------------------------
-- A numbering rule per kind (data: the municipality may change the prefix and the pattern);
-- absent, the domain's default rule applies. The counter gives the next number per kind and year
-- atomically (INSERT … ON CONFLICT DO UPDATE … RETURNING).
CREATE TABLE doc_numbering_rule (
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('incoming', 'outgoing', 'internal', 'other', 'order', 'appeal')),
  prefix text NOT NULL CHECK (length(prefix) BETWEEN 1 AND 20),
  pattern text NOT NULL CHECK (pattern ~ '\{seq4?\}' AND pattern ~ '\{yy(yy)?\}'),
  PRIMARY KEY (municipality_id, kind)
);
CREATE TABLE doc_counter (
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (municipality_id, kind, year)
);

CREATE TABLE registry_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('incoming', 'outgoing', 'internal', 'other')),
  -- for "other": contract, powerOfAttorney; for incoming: organisation, authority
  subtype text,
  year integer NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  reg_number text NOT NULL,
  reg_date date NOT NULL,
  correspondent text,
  correspondent_number text,
  correspondent_date date,
  summary text NOT NULL CHECK (length(summary) > 0),
  department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  search tsvector GENERATED ALWAYS AS (
    -- under the C locale the parser takes every non-ASCII character for a letter: quotes would stick to words
    to_tsvector('russian'::regconfig, translate(reg_number || ' ' || coalesce(correspondent, '') || ' ' || summary, '«»„“”', '     '))
  ) STORED,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, kind, year, seq),
  UNIQUE (municipality_id, reg_number),
  CHECK (extract(year FROM reg_date) = year)
);
CREATE INDEX registry_document_by_date ON registry_document (municipality_id, reg_date DESC, id);
CREATE INDEX registry_document_fts ON registry_document USING gin (search);
CREATE INDEX registry_document_trgm ON registry_document USING gin (search_fold(summary) gin_trgm_ops);

CREATE TABLE document_link (
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  from_id uuid NOT NULL REFERENCES registry_document(id) ON DELETE CASCADE,
  to_id uuid NOT NULL REFERENCES registry_document(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('answerTo', 'inExecutionOf')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_id, to_id, kind),
  CHECK (from_id <> to_id)
);
CREATE INDEX ON document_link (to_id);

-- ---- meetings and their protocols ---------------------------------------------------------------
CREATE TABLE meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  title text NOT NULL CHECK (length(title) > 0),
  protocol_number text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, protocol_number)
);
CREATE INDEX ON meeting (municipality_id, held_on);
CREATE TABLE meeting_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number > 0),
  text text NOT NULL,
  UNIQUE (meeting_id, number)
);

-- ---- orders on control --------------------------------------------------------------------------
CREATE TABLE control_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  number text NOT NULL,
  source text NOT NULL CHECK (source IN ('resolution', 'headOrder', 'meeting', 'broadcast')),
  document_id uuid REFERENCES registry_document(id) ON DELETE RESTRICT,
  meeting_item_id uuid REFERENCES meeting_item(id) ON DELETE RESTRICT,
  broadcast_question text,
  text text NOT NULL CHECK (length(text) > 0),
  issued_on date NOT NULL,
  term_kind text NOT NULL CHECK (term_kind IN ('date', 'calendarDays', 'workingDays')),
  term_days integer CHECK (term_days IS NULL OR term_days BETWEEN 1 AND 3650),
  due date NOT NULL,
  periodicity text NOT NULL DEFAULT 'none' CHECK (periodicity IN ('none', 'monthly', 'quarterly')),
  state text NOT NULL DEFAULT 'issued'
    CHECK (state IN ('issued', 'inWork', 'extensionRequested', 'reported', 'returned', 'done')),
  responsible_department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
  responsible_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  controller_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  strategy_task_id uuid REFERENCES strategy_task(id) ON DELETE SET NULL,
  plan_activity_id uuid REFERENCES plan_activity(id) ON DELETE SET NULL,
  program_id uuid REFERENCES program(id) ON DELETE SET NULL,
  extensions integer NOT NULL DEFAULT 0,
  returns integer NOT NULL DEFAULT 0,
  closed_on date,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, number),
  CHECK (source <> 'resolution' OR document_id IS NOT NULL),
  CHECK (source <> 'meeting' OR meeting_item_id IS NOT NULL),
  CHECK (source <> 'broadcast' OR broadcast_question IS NOT NULL),
  CHECK ((state = 'done') = (closed_on IS NOT NULL)),
  CHECK (term_kind = 'date' OR term_days IS NOT NULL)
);
CREATE INDEX control_order_by_issue ON control_order (municipality_id, issued_on);
CREATE INDEX control_order_open_due ON control_order (municipality_id, due) WHERE state <> 'done';
CREATE INDEX control_order_by_department ON control_order (responsible_department_id) WHERE state <> 'done';
CREATE INDEX control_order_by_program ON control_order (program_id) WHERE program_id IS NOT NULL;
CREATE INDEX control_order_by_document ON control_order (document_id) WHERE document_id IS NOT NULL;

-- co-executors: departments and people
CREATE TABLE control_order_coexecutor (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES control_order(id) ON DELETE CASCADE,
  department_id uuid REFERENCES department(id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
  CHECK ((department_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX ON control_order_coexecutor (order_id);

-- every deadline an order had: the first, then each one an extension granted or a period moved
CREATE TABLE control_order_deadline (
  id bigserial PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES control_order(id) ON DELETE CASCADE,
  due date NOT NULL,
  reason text NOT NULL,
  set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  set_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON control_order_deadline (order_id, id);

-- the history of an order: each step of its lifecycle with what it carried
CREATE TABLE control_order_event (
  id bigserial PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES control_order(id) ON DELETE CASCADE,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  on_date date NOT NULL,
  text text,
  requested_due date,
  files jsonb NOT NULL DEFAULT '[]',
  actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON control_order_event (order_id, id);

-- ---- citizens' appeals (59-ФЗ) ------------------------------------------------------------------
CREATE TABLE appeal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  number text NOT NULL,
  tracking_code text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('letter', 'email', 'portal', 'reception', 'social')),
  received_on date NOT NULL,
  registered_on date NOT NULL,
  collective boolean NOT NULL DEFAULT false,
  signatories integer NOT NULL DEFAULT 1 CHECK (signatories >= 1),
  anonymous boolean NOT NULL DEFAULT false,
  author_name text,
  author_address text,
  author_email text,
  -- the author's name and address normalised by the app (lower case, single spaces: the database's
  -- C locale does not lower Cyrillic) to recognise a repeated appeal; erased with the personal data
  author_name_key text,
  author_address_key text,
  text text NOT NULL,
  topic_code text NOT NULL,
  district text,
  assigned_department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  assigned_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  state text NOT NULL DEFAULT 'registered'
    CHECK (state IN ('registered', 'inWork', 'redirected', 'answered', 'notAnswered', 'stopped')),
  due date NOT NULL,
  extended boolean NOT NULL DEFAULT false,
  redirected_to text,
  redirected_on date,
  answer_text text,
  answered_on date,
  repeated_of uuid REFERENCES appeal(id) ON DELETE SET NULL,
  purge_after date,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, number),
  CHECK (registered_on >= received_on),
  CHECK (collective OR signatories = 1)
);
CREATE INDEX appeal_by_date ON appeal (municipality_id, received_on);
CREATE INDEX appeal_open_due ON appeal (municipality_id, due) WHERE state IN ('registered', 'inWork');
CREATE INDEX appeal_author ON appeal (municipality_id, author_name_key) WHERE author_name_key IS NOT NULL;

-- who opened an appeal's personal data, and when (59-ФЗ art. 6: personal data protected)
CREATE TABLE appeal_access_log (
  id bigserial PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  appeal_id uuid NOT NULL REFERENCES appeal(id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  purpose text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON appeal_access_log (appeal_id, at);
