import type { Role, UserId } from '../../model/index.ts';

/** What GET /api/me answers: the signed-in user and the documents they may open. */
export interface MeUser {
  id: UserId;
  login: string;
  name: string;
  roles: Role[];
}

export interface DocumentGrant {
  name: string;
  kind: 'school' | 'journal';
  title: string;
  access: 'read' | 'write';
}

export interface Me {
  user: MeUser;
  documents: DocumentGrant[];
}
