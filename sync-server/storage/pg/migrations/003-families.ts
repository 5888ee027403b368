/**
 * What the server keeps for families (IMP-9, DIARY-20, DIARY-27): students' personal data apart
 * from the documents, what parents read and confirmed, and the notices sent to them.
 */
export const sql = `
CREATE TABLE student_personal (
  class_id TEXT COLLATE "C" NOT NULL,
  student_id TEXT COLLATE "C" NOT NULL,
  birth_date TEXT,
  parents TEXT NOT NULL,
  PRIMARY KEY (class_id, student_id)
);
CREATE TABLE diary_acks (
  student_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (student_id, user_id, kind, item)
);
CREATE TABLE diary_notices (
  student_id TEXT NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  text TEXT NOT NULL,
  from_name TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (student_id, id)
);
CREATE INDEX diary_notices_at ON diary_notices (student_id, at);
`;
