/**
 * The conversation index (MSG-11) and attachments (MSG-8): one conversation per family account,
 * staff member, student and year (the unique key), the messages' authors and times for unread
 * counts, each side's read position, and the files.
 */
export const sql = `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  year_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  family_user_id TEXT NOT NULL,
  staff_user_id TEXT NOT NULL,
  family_label TEXT NOT NULL,
  staff_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_at BIGINT,
  preview TEXT,
  UNIQUE (year_id, student_id, family_user_id, staff_user_id)
);
CREATE INDEX conversations_family ON conversations (family_user_id, year_id);
CREATE INDEX conversations_staff ON conversations (staff_user_id, year_id);
CREATE TABLE conversation_messages (
  conversation_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, message_id)
);
CREATE TABLE conversation_reads (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  up_to BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE TABLE conversation_files (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX conversation_files_conversation ON conversation_files (conversation_id);
`;
