// `npm run build` (and so prepack): the report page's script, bundled once into build/report/page.js
// so the published package needs no bundler (lib/report/bundle.ts reads it there).
import * as fs from 'fs';
import * as path from 'path';
import { bundlePage } from '../lib/report/bundle';

const target = path.join(__dirname, '..', 'build', 'report', 'page.js');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, bundlePage());
