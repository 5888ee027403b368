// Preloaded (`node --import`) into each server the `peers` benchmark starts, ours and the
// reference alike, so that both are measured the same way: on an IPC request the process answers
// with its CPU time (all threads, µs) and memory, after a full GC when asked (`--expose-gc`).
// Plain JavaScript: the reference server runs without tsx.
process.on('message', (msg) => {
  if (msg?.type !== 'usage') return;
  if (msg.gc && typeof globalThis.gc === 'function') globalThis.gc();
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  process.send?.({ type: 'usage', id: msg.id, cpuMicros: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed });
});
// The benchmark ended (or died): a server it started must not outlive it.
process.on('disconnect', () => process.exit(0));
