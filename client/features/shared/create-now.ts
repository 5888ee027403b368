import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The time now, in ms, moving every `everyMs`: a lesson's bell rings while a page is open (ATT-9, PERM-13). */
export function createNow(everyMs = 20_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
