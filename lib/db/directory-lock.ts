import 'server-only';
import fs from 'node:fs';

/**
 * Takes `<dir>.lock` for this process, or throws naming the process that holds it.
 * A lock left by a process that no longer exists is taken over.
 * Returns a function that releases the lock (also released when the process exits).
 */
export function acquireDirectoryLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder === process.pid) {
        throw new Error(`The embedded database in ${dir} is already open in this process.`);
      }
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(
          `The embedded database in ${dir} is in use by another process (pid ${holder}). ` +
            'Stop that process first (for example the running `npm run dev`), or set DATABASE_URL to use Postgres.',
        );
      }
      fs.unlinkSync(lockFile); // stale: its process has gone
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
