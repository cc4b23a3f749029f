-- The documents of a draft (220-п 4.7, 4.7.1, 4.19) carry their file, stored as the confirming
-- documents of checkpoints are (stored_file: type judged by content, size limited by the app).
-- Rows attached before this migration have no file (a name/number/date only).
ALTER TABLE draft_attachment ADD COLUMN file_id uuid REFERENCES stored_file(id) ON DELETE RESTRICT;
CREATE INDEX ON draft_attachment (file_id);
