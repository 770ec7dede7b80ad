// One whole-process P3 run of `netpol reach`, in this process so that it can report its peak
// memory and CPU time: `process.ts <paths...>` (`-` reads standard input); the list goes to
// /dev/null, {"maxRssKb": n, "cpuSeconds": s} to stdout.
import * as fs from 'fs';
import { main } from '../../lib/cli/main';

const sink = fs.openSync('/dev/null', 'w');
const io = { out: (text: string) => fs.writeSync(sink, text), err: (text: string) => process.stderr.write(text), cwd: process.cwd(), stdin: process.stdin };
main(['reach', ...process.argv.slice(2)], io).then((code) => {
  process.exitCode = code;
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  console.log(JSON.stringify({ maxRssKb: maxRSS, cpuSeconds: (userCPUTime + systemCPUTime) / 1e6 }));
});
