/**
 * Accounts and what hangs on them (STORE-6…STORE-14, AUTH-22…AUTH-30, LOG-*): users and their
 * student links, sessions, activation codes, sign-in failures, identities of the region's
 * provider and flows under way, and the append-only access log.
 */
export const sql = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  login TEXT COLLATE "C" NOT NULL UNIQUE,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE user_student_links (
  pos BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id),
  class_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  PRIMARY KEY (user_id, class_id, student_id)
);
CREATE INDEX user_student_links_student ON user_student_links (class_id, student_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE activation_codes (
  pos BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  user_id TEXT,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  link_class_id TEXT,
  link_student_id TEXT,
  issued_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  used_by TEXT
);
CREATE INDEX activation_codes_class ON activation_codes (link_class_id);
CREATE TABLE sign_in_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL
);
CREATE TABLE user_identities (
  issuer TEXT COLLATE "C" NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  linked_at BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE (user_id, issuer)
);
CREATE TABLE oidc_flows (
  id TEXT COLLATE "C" PRIMARY KEY,
  state TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  purpose TEXT NOT NULL,
  user_id TEXT,
  redirect_uri TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_flows_created ON oidc_flows (created_at);
-- An identity column never gives an id twice, so a page cursor always means the same place.
CREATE TABLE access_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT,
  login TEXT NOT NULL,
  object TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_user ON access_log (user_id, id);
CREATE INDEX access_log_login ON access_log (login, id);
CREATE INDEX access_log_kind ON access_log (kind, id);
-- Append-only for anything that reaches the database, not just for this adapter.
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
`;
