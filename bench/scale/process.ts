// One whole-process P2 run: `process.ts <ours|ours-app-synth|cdk8s-plus|cdk8s-plus-js-yaml|floor|prepare-floor> <dialect> <namespaces> <outdir>`.
// Prints {"maxRssKb": n} so the harness can report the peak memory of the run. Each subject loads
// only its own modules: the floor loads js-yaml and the objects, nothing else of ours.
import * as fs from 'fs';

const [subject, dialect, namespacesText, outdir] = process.argv.slice(2);
const namespaces = Number(namespacesText);
if (subject === 'ours') {
  const { synthesize } = require('../../lib');
  const { scaleApp } = require('./app');
  synthesize([scaleApp(dialect, namespaces)], { outdir });
} else if (subject === 'ours-app-synth') {
  require('./app').synthScaleWithCdk8s(dialect, namespaces, outdir);
} else if (subject === 'cdk8s-plus') {
  require('../baselines/cdk8s-plus/scale').synthPlusScale(namespaces, outdir);
} else if (subject === 'cdk8s-plus-js-yaml') {
  require('../baselines/cdk8s-plus/scale').synthPlusScale(namespaces, outdir, require('../../lib/synth/yaml').stringifyManifests);
} else if (subject === 'floor') {
  const { stringifyManifests } = require('../../lib/synth/yaml');
  const finished: unknown[] = JSON.parse(fs.readFileSync(`${outdir}.json`, 'utf8'));
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(`${outdir}/scale.yaml`, stringifyManifests(finished));
} else if (subject === 'prepare-floor') {
  fs.writeFileSync(`${outdir}.json`, JSON.stringify(require('./finished-objects').finishedObjects(dialect, namespaces)));
} else {
  throw new Error(`unknown subject ${subject}: use ours, ours-app-synth, cdk8s-plus, cdk8s-plus-js-yaml, floor or prepare-floor`);
}
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
