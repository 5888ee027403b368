/**
 * What the school tells families and what they agreed to (ANN-6, CONS-3, NOTIF-1…NOTIF-5): who
 * read each announcement, the append-only consent register, in-app notifications with the
 * digests that carried them, and the school's digest setting.
 */
export const sql = `
CREATE TABLE announcement_reads (
  post_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE TABLE consent_register (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  given BOOLEAN NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX consent_register_user ON consent_register (user_id, seq);
-- Append-only for anything that reaches the database: never updated, never deleted.
CREATE FUNCTION consent_register_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the consent register is append-only'; END $$;
CREATE TRIGGER consent_register_append_only BEFORE UPDATE OR DELETE ON consent_register
  FOR EACH ROW EXECUTE FUNCTION consent_register_append_only();
CREATE TABLE notifications (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  student_id TEXT,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  href TEXT NOT NULL,
  at BIGINT NOT NULL,
  seen_at BIGINT,
  digested_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, at);
CREATE INDEX notifications_undigested ON notifications (user_id) WHERE digested_at IS NULL;
CREATE TABLE notification_digests (
  user_id TEXT PRIMARY KEY,
  last_at BIGINT NOT NULL
);
CREATE TABLE notification_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
