// `npm run build` (and so prepack): the report page's script, bundled once into build/report/page.json
// so the published package needs no bundler (lib/report/bundle.ts reads it there).
import * as fs from 'fs';
import * as path from 'path';
import { bundlePage } from '../lib/report/bundle';

const target = path.join(__dirname, '..', 'build', 'report', 'page.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(bundlePage()));
