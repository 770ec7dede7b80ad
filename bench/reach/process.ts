// One whole-process P3 run of `netpol reach`, in this process so that it can report its peak
// memory: `process.ts <files...>`; the list goes to /dev/null, {"maxRssKb": n} to stdout.
import * as fs from 'fs';
import { main } from '../../lib/cli/main';

const sink = fs.openSync('/dev/null', 'w');
main(['reach', ...process.argv.slice(2)], { out: (text) => fs.writeSync(sink, text), err: (text) => process.stderr.write(text), cwd: process.cwd() }).then((code) => {
  process.exitCode = code;
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
