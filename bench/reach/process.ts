// One whole-process run of a `netpol` command, in this process so that it can report its peak
// memory and CPU time: `process.ts <command> <arguments...>` (`reach <paths...>`, `-` reads
// standard input). What the command writes to stdout goes to /dev/null; {"maxRssKb": n,
// "cpuSeconds": s, "exitCode": c} goes to stdout. For `diff` and `report`, exit code 1 (the new
// version allows more) is an answer, not a failure: this process exits 0 for it; otherwise it
// exits with the command's code.
import * as fs from 'fs';
import { main } from '../../lib/cli/main';

const sink = fs.openSync('/dev/null', 'w');
const io = { out: (text: string) => fs.writeSync(sink, text), err: (text: string) => process.stderr.write(text), cwd: process.cwd(), stdin: process.stdin };
const [command] = process.argv.slice(2);
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code === 1 && (command === 'diff' || command === 'report') ? 0 : code;
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  console.log(JSON.stringify({ maxRssKb: maxRSS, cpuSeconds: (userCPUTime + systemCPUTime) / 1e6, exitCode: code }));
});
