/**
 * The document log (STORE-1…STORE-10, HIST-1): updates numbered per document, the head that
 * numbers them, compaction and signed snapshots, change rows and client-id bindings. BYTEA for
 * Yjs bytes; BIGINT for seqs and ms timestamps; COLLATE "C" where text is ordered or scanned
 * by prefix, so the order is the bytes' order, as on SQLite, whatever the database's locale.
 */
export const sql = `
CREATE TABLE doc_heads (
  doc_name TEXT COLLATE "C" PRIMARY KEY,
  last_seq BIGINT NOT NULL
);
CREATE TABLE updates (
  doc_name TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  update_bytes BYTEA NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  client_time BIGINT,
  server_time BIGINT NOT NULL,
  PRIMARY KEY (doc_name, seq)
);
CREATE TABLE snapshots (
  doc_name TEXT COLLATE "C" NOT NULL,
  up_to_seq BIGINT NOT NULL,
  state BYTEA NOT NULL,
  state_vector BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (doc_name, up_to_seq)
);
CREATE TABLE signed_snapshots (
  doc_name TEXT COLLATE "C" NOT NULL,
  up_to_seq BIGINT NOT NULL,
  state BYTEA NOT NULL,
  state_vector BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  sha256 BYTEA NOT NULL,
  prev_sha256 BYTEA,
  signature BYTEA NOT NULL,
  key_id TEXT NOT NULL,
  PRIMARY KEY (doc_name, up_to_seq)
);
CREATE TABLE client_ids (
  doc_name TEXT COLLATE "C" NOT NULL,
  client_id BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (doc_name, client_id)
);
CREATE TABLE changes (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_name TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  path TEXT COLLATE "C" NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  user_id TEXT NOT NULL,
  as_substitute BOOLEAN NOT NULL,
  client_time BIGINT,
  server_time BIGINT NOT NULL,
  clock_offset BIGINT,
  note TEXT
);
CREATE INDEX changes_path ON changes (doc_name, path);
CREATE INDEX changes_time ON changes (doc_name, server_time);
CREATE INDEX changes_seq ON changes (doc_name, seq);
CREATE TABLE refused (
  pos BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  id TEXT PRIMARY KEY,
  doc_name TEXT NOT NULL,
  path TEXT NOT NULL,
  value TEXT NOT NULL,
  old_value TEXT NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  client_time BIGINT,
  server_time BIGINT NOT NULL,
  state TEXT NOT NULL,
  resolved_by TEXT,
  resolved_at BIGINT,
  resolution TEXT,
  stored TEXT NOT NULL DEFAULT 'full',
  omitted TEXT
);
CREATE INDEX refused_doc ON refused (doc_name, state);
CREATE INDEX refused_user_time ON refused (user_id, server_time);
CREATE INDEX refused_time ON refused (server_time, pos);
`;
