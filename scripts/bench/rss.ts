// Preloaded with --import by the benchmarks: reports the process's peak
// resident memory when it exits, so a child's peak can be read from outside.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});
