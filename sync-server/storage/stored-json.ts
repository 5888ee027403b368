/**
 * How both adapters keep a JSON value in a text column: wrapped as `{"v": …}`, since JSON has no
 * undefined and a change's old value may be absent (the key did not exist) or null (removed). An
 * absent value is stored as `{"absent":true}` and read back as undefined.
 */
export const ABSENT = '{"absent":true}';
/** The start of every stored value that is not absent. */
export const WRAPPER = '{"v":';
export const encodeStored = (v: unknown): string => (v === undefined ? ABSENT : JSON.stringify({ v }));
export const decodeStored = (s: string): unknown => (s === ABSENT ? undefined : (JSON.parse(s) as { v: unknown }).v);
