/** Keeps one core busy until `deadline` (ms since the epoch) or until its parent goes away. */
import process from 'node:process';

const deadline = Number(process.argv[2]);
process.on('disconnect', () => process.exit(0));
function spin(): void {
  const slice = Date.now() + 50;
  while (Date.now() < slice) {
    // Busy on purpose: this is the load.
  }
  if (Date.now() < deadline) setImmediate(spin);
  else process.exit(0);
}
spin();
