/**
 * The transaction origin of edits typed by this user. Yjs passes origins to every observer,
 * so the ack tracker can tell the user's own edits from those applied from the server or disk.
 */
export const LOCAL_EDIT = 'local-edit';
