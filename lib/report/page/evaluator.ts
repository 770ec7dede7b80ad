// The evaluator part of the page (lib/report/page/parts.ts): our evaluator and its readers.
import { analyse } from '../../analysis/analyse';
import { Port } from '../../model/port';
import { ReportModel } from '../model';
import { provide } from './parts';

provide('evaluator', {
  evaluate: (versions, engine) => new ReportModel(versions.map((manifests) => analyse(manifests, engine))),
  parsePort: (text) => Port.parse(text),
});
