// The apps `npm run synth` builds: the APPS a module exports. When the module is a folder (apps/),
// every other module in it that exports an app definition must be listed in APPS: an app dropped
// into apps/ and forgotten in apps/index.ts would otherwise be silently left out of dist/.
import * as fs from 'fs';
import * as path from 'path';
import { NetpolAppDefinition } from '../lib';

const MODULE = /^(?!index\.)[^.].*(?<!\.d)\.(ts|js)$/;

function isAppDefinition(value: unknown): value is NetpolAppDefinition {
  return typeof value === 'object' && value !== null && typeof (value as NetpolAppDefinition).name === 'string'
    && typeof (value as NetpolAppDefinition).build === 'function';
}

/** The module's APPS; throws, naming the module and the app, when a folder holds an app APPS does not list. */
export function loadApps(appsModule: string): readonly NetpolAppDefinition[] {
  const apps: unknown = require(appsModule).APPS;
  if (!Array.isArray(apps) || !apps.every(isAppDefinition)) {
    throw new Error(`${appsModule} must export APPS, an array of app definitions ({ name, build, dialects? })`);
  }
  if (!fs.existsSync(appsModule) || !fs.statSync(appsModule).isDirectory()) return apps;
  const unlisted = fs.readdirSync(appsModule).filter((file) => MODULE.test(file)).flatMap((file) =>
    Object.entries(require(path.join(appsModule, file)) as Record<string, unknown>)
      .filter(([, value]) => isAppDefinition(value) && !apps.includes(value))
      .map(([exported, value]) => `${path.join(path.relative(process.cwd(), appsModule), file)} exports ${exported} (app '${(value as NetpolAppDefinition).name}')`));
  if (unlisted.length > 0) {
    const index = path.join(path.relative(process.cwd(), appsModule), 'index.ts');
    throw new Error(`apps not listed in APPS of ${index}, so they would not be synthesized:\n  ${unlisted.join('\n  ')}\n`
      + `Add each to APPS in ${index}, or move the module out of ${path.relative(process.cwd(), appsModule) || '.'}/.`);
  }
  return apps;
}
