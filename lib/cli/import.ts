import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { importPolicies } from '../adopt/import';
import { readPolicyFiles } from '../adopt/policy-files';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import type { CliIo } from './main';

interface ImportFlags {
  out?: string;
  chart?: string;
  chartPer: 'namespace' | 'file';
  cdk8sApp?: boolean;
  dialect?: DialectName;
  cni?: DialectName;
  library: string;
  app?: string;
}

/** `netpol import PATHS...`: policies of any dialect as a TypeScript module built with the constructs (docs/adopt.md). */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('write policies of any dialect as TypeScript built with the constructs; exits 3 when one cannot be carried over exactly')
    .argument('<paths...>', 'files or directories of policy YAML')
    .option('-o, --out <file.ts>', 'write the module here (default: standard output)')
    .option('--chart <name>', 'put every policy into one PolicyChart of this name')
    .addOption(new Option('--chart-per <grouping>', 'one PolicyChart per namespace, or per input file').choices(['namespace', 'file']).default('namespace'))
    .option('--cdk8s-app', "write a cdk8s app's main.ts (for a consumer project) instead of a module exporting APPS")
    .addOption(new Option('--dialect <dialect>', 'the dialect the module synthesizes to (default: the input\'s)').choices([...DIALECT_NAMES]))
    .addOption(new Option('--cni <engine>', 'the engine whose semantics the input is read with (default: inferred from the policy kinds)').choices([...DIALECT_NAMES]))
    .option('--library <module>', 'the module the code imports the constructs from', 'cdk8s-netpol')
    .option('--app <name>', 'the app name in APPS: its folder under dist/<dialect>/ (default: the --out file name, else imported)')
    .action((paths: string[], flags: ImportFlags) => {
      const read = readPolicyFiles(paths, io.cwd, flags.cni);
      for (const notice of read.notices) io.err(`notice: ${notice} (not carried over)\n`);
      const appName = flags.app ?? (flags.out ? path.basename(flags.out).replace(/\.[cm]?[tj]s$/, '') : 'imported');
      const text = importPolicies(read, { chart: flags.chart, chartPer: flags.chartPer, cdk8sApp: flags.cdk8sApp, dialect: flags.dialect, library: flags.library, appName });
      if (!flags.out) return io.out(text);
      const file = path.resolve(io.cwd, flags.out);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const count = read.files.reduce((sum, each) => sum + each.intents.length, 0);
      io.err(`imported ${count} ${read.engine} policies into ${flags.out}\n`);
    });
}
