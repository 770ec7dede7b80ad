// Every temporary folder a test makes (cdk8s' Testing.app() makes one per app: thousands a run)
// goes in one folder for the run, removed when the run ends, so `npm test` leaves nothing behind
// in the system's temporary folder (they had piled up there by the thousand).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export default function temporaryFolder(): () => void {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-test-'));
  // Read by os.tmpdir() in the test processes, which start after this.
  process.env.TMPDIR = folder;
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
