// One whole-process P2 run: `process.ts <ours|cdk8s-plus|floor|prepare-floor> <dialect> <namespaces> <outdir>`.
// Prints {"objects": n, "maxRssKb": n} so the harness can report the peak memory of the run.
// Each subject loads only its own modules: the floor process loads yaml and nothing of ours.
import * as fs from 'fs';

const [subject, dialect, namespacesText, outdir] = process.argv.slice(2);
const namespaces = Number(namespacesText);
let objects = 0;
if (subject === 'ours') {
  const { synthesize } = require('../../lib');
  const { scaleApp } = require('./app');
  synthesize([scaleApp(dialect, namespaces)], { outdir });
  objects = -1;
} else if (subject === 'cdk8s-plus') {
  require('../baselines/cdk8s-plus/scale').synthPlusScale(namespaces, outdir);
  objects = -1;
} else if (subject === 'floor') {
  const { stringify } = require('yaml');
  const finished: unknown[] = JSON.parse(fs.readFileSync(`${outdir}.json`, 'utf8'));
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(`${outdir}/scale.yaml`, finished.map((object) => stringify(object, { lineWidth: 0 })).join('---\n'));
  objects = finished.length;
} else if (subject === 'prepare-floor') {
  const objectsOf = require('./finished-objects').finishedObjects(dialect, namespaces);
  fs.writeFileSync(`${outdir}.json`, JSON.stringify(objectsOf));
  objects = objectsOf.length;
} else {
  throw new Error(`unknown subject ${subject}: use ours, cdk8s-plus, floor or prepare-floor`);
}
console.log(JSON.stringify({ objects, maxRssKb: process.resourceUsage().maxRSS }));
