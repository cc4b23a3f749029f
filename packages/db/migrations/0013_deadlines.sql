-- 0013: a change of the budget as a dated event (220-п 5.4, 5.5). The finance department records
-- the Duma's decision amending the budget decision («решение о бюджете № … от …», with the day it
-- takes effect) or a change of the consolidated budget list; from that day every program in force
-- must be brought into line within two months (5.4), and each direction named here — its elements'
-- funding changed, the program's total not — gets a draft order within 30 days (5.5).
CREATE TABLE budget_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('decision', 'budgetList')),
  number text CHECK (number IS NULL OR length(trim(number)) > 0),
  document_date date NOT NULL,
  effective_date date NOT NULL,
  direction_ids uuid[] NOT NULL DEFAULT '{}',
  note text,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_date >= document_date),
  CHECK (kind <> 'decision' OR number IS NOT NULL)
);
CREATE INDEX ON budget_change (municipality_id, effective_date);

-- 220-п 4.18.1: the responsible executor places the approved program (amendment) in the state
-- automated system «Управление» within 10 days of the decree's entry into force; the day it did so.
CREATE TABLE gas_registration (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  program_version_id uuid NOT NULL UNIQUE REFERENCES program_version(id) ON DELETE CASCADE,
  registered_on date NOT NULL,
  note text,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON gas_registration (municipality_id);
