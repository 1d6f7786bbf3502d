/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs stay readable). */
export function progressBar(label: string, total: number) {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let last = 0;
  return {
    update(done: number) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total ? Math.min(1, done / total) : 1;
      const width = 30;
      const bar = "█".repeat(Math.round(ratio * width)).padEnd(width, "░");
      process.stderr.write(`\r${label} ${bar} ${done}/${total} (${((now - started) / 1000).toFixed(1)} s)`);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
