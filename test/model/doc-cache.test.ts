import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { derived } from '../../model/doc/doc-cache.ts';

describe('derived values (DOC-9)', () => {
  it('DOC-9: computed once per version of the document, again after any transaction, never cached inside one', () => {
    const doc = new Y.Doc();
    let runs = 0;
    const size = () => derived(doc, 'size', () => (runs++, doc.getMap('m').size));
    expect(size()).toBe(0);
    expect(size()).toBe(0);
    expect(runs).toBe(1);
    doc.getMap('m').set('a', 1);
    expect(size()).toBe(1);
    expect(runs).toBe(2);
    // A remote update is a transaction too.
    const other = new Y.Doc();
    other.getMap('m').set('b', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(size()).toBe(2);
    doc.transact(() => {
      doc.getMap('m').set('c', 3);
      expect(size()).toBe(3);
      doc.getMap('m').set('d', 4);
      expect(size()).toBe(4);
    });
    expect(size()).toBe(4);
  });

  it('DOC-9: an afterTransaction listener registered before the cache reads the new value, not the cached old one', () => {
    const doc = new Y.Doc();
    const seen: number[] = [];
    const size = () => derived(doc, 'size', () => doc.getMap('m').size);
    doc.on('afterTransaction', () => seen.push(size()));
    expect(size()).toBe(0);
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    expect(seen).toEqual([1, 2]);
  });
});
