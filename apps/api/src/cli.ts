import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { readConfig, invocationDir } from './config.ts';
import { BUSY_MESSAGE, isDatabaseBusy } from './db/client.ts';
import { CatalogueError } from './reference/catalogue.ts';
import { listLoads } from './loader/history.ts';
import { reapplyLoad } from './loader/reapply.ts';
import { computeReturns, ReturnsUsage, returnsJson, returnsText, writeReturnsTemplate } from './returns-cli.ts';
import { RevertRefused } from './loader/revert.ts';
import { LoadService } from './loader/service.ts';
import { closeLoaderWorkers } from './loader/jobs.ts';
import { checkSources, checkText } from './dfe/check.ts';
import { approvePull, discardPull, getPull, heldRelease, listPulls, pullSource, PullRefused } from './dfe/pull.ts';
import { pullText } from './dfe/pull-text.ts';
import { DownloadMismatch, NotPullable } from './dfe/releases.ts';
import { readCatalogue } from './reference/catalogue.ts';
import { DfeRefused, DfeUnreachable } from './dfe/client.ts';
import { JumpsUnconfirmed, runLoad } from './loader/run-load.ts';
import { loadLine, reportText } from './loader/report-text.ts';
import { templateCsv, templateFor } from './loader/template-file.ts';
import { openStore, type Store } from './store.ts';
import { may } from '@indicate/contracts';
import { DomainError } from './domain-error.ts';
import { readNationalFostering, ReportService } from './reports/service.ts';
import { PackService } from './packs/service.ts';
import { ReadService } from './reads/service.ts';
import { audit } from './auth/audit.ts';
import { generatePassword } from './auth/passwords.ts';
import { createUser, findUserByEmail, ROLES, UserProblem, type Role } from './auth/users.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const USAGE = `Usage: pnpm cli <command>

  load FILE [--dry-run] [--by NAME] [--json] [--confirm]
                                                validate FILE and (without --dry-run) load it; a council
                                                figure far from its last needs --confirm
  loads                                         list loads, newest first
  revert ID [--by NAME] [--confirm]             undo load ID; refused while committee packs use its figures
                                                unless --confirm (open drafts are then marked out of date)
  pack check ID                                 the readiness check of committee pack ID: what stops it
                                                moving on, and what to check first; exit 1 if blocked
  pack ready|publish|draft ID --by EMAIL        move pack ID on as the user EMAIL (their role must allow it),
                                                after the same check the page and API make
  reapply ID [--dry-run] [--by NAME] [--json]   write the figures of undone load ID again, as a new load
  returns compute --as-at YYYY-MM-DD [--la CODE] [--json] [--template OUT.csv] PATH...
                                                compute the quarter's figures from SSDA903 CSVs and CIN XML
                                                files (or folders of them); exit 2 if errors stop it
  dfe check [--json]                            for each of DfE's sources (data/dfe/sources.yaml), the release
                                                held and the one DfE publishes now (DFE_API_URL,
                                                DFE_CATALOGUE_URL); exit 1 if DfE cannot be reached; writes
                                                nothing
  dfe pull [SOURCE...] [--json]                 fetch DfE's newest release of each source (all that can be
                                                pulled when none is named) and stage it as a dry run: every
                                                figure DfE revised, new years, LAs and columns; nothing loads
  dfe pulls | dfe show ID [--all] [--json]      the pulls, newest first; one pull (--all: every revision)
  dfe approve ID | dfe discard ID [--by NAME]   load a staged pull (refused if the figures changed since its
                                                dry run), or set it aside
  backup FILE                                   consistent copy of the database, safe while the server runs
  template [quarter]                            print the Indicate template for the home council (a quarter
                                                such as 2026-27-Q3 presets its rows; data/indicate-template.csv)
  user add --email E --role R [--name N] [--themes a,b]
                                                create a user; R is viewer, service-lead, analyst or admin.
                                                The password is read from stdin when piped, else generated
                                                and printed once.

The database is DB_PATH (default .var/indicate.sqlite). Exit code 0 only on success.`;

/** Paths are as the person typed them, relative to where they ran `pnpm cli`. */
function fromUserCwd(file: string): string {
  return path.resolve(invocationDir(), file);
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      themes: { type: 'string' },
      'as-at': { type: 'string' },
      la: { type: 'string' },
      template: { type: 'string' },
      confirm: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = readConfig();
  const by = values.by ?? `${os.userInfo().username} (command line)`;

  if (command === 'backup') {
    if (!argument) fail(`backup needs a destination file.\n\n${USAGE}`);
    const destination = fromUserCwd(argument);
    if (fs.existsSync(destination)) fail(`${destination} already exists; choose a new file name.`, 1);
    if (!fs.existsSync(config.dbPath)) fail(`There is no database at ${config.dbPath}.`, 1);
    // SQLite's online backup API: a consistent snapshot even while the server is writing.
    const source = new Database(config.dbPath, { readonly: true, fileMustExist: true });
    try {
      await source.backup(destination);
    } finally {
      source.close();
    }
    const check = new Database(destination, { readonly: true });
    const integrity = check.pragma('integrity_check', { simple: true });
    check.close();
    console.log(`Backed up ${config.dbPath} to ${destination} (integrity: ${integrity}).`);
    return integrity === 'ok' ? 0 : 1;
  }

  // Asking DfE writes nothing: the database, when there is one, is only read for the release held.
  if (command === 'dfe' && argument === 'check') {
    const catalogue = readCatalogue(config.dataDir);
    const endpoints = { apiUrl: config.dfeApiUrl, catalogueUrl: config.dfeCatalogueUrl };
    const db = fs.existsSync(config.dbPath)
      ? new Database(config.dbPath, { readonly: true, fileMustExist: true })
      : null;
    const hasPulls = db?.prepare("select 1 from sqlite_master where name = 'dfe_pulls'").get() !== undefined;
    try {
      const rows = await checkSources(catalogue.sources, endpoints, (source) =>
        heldRelease(hasPulls && db ? { $client: db } : null, source),
      );
      console.log(values.json ? JSON.stringify(rows, null, 2) : checkText(rows, endpoints));
      return 0;
    } catch (error) {
      if (error instanceof DfeUnreachable) fail(error.message, 1);
      throw error;
    } finally {
      db?.close();
    }
  }

  // Before the database is opened: the returns never come near it.
  if (command === 'returns') {
    if (argument !== 'compute')
      fail(`returns needs the word compute: pnpm cli returns compute --as-at YYYY-MM-DD PATH...`);
    if (!values['as-at']) fail('returns compute needs --as-at YYYY-MM-DD, the quarter end to compute for.');
    try {
      const run = computeReturns({
        paths: positionals.slice(2).map(fromUserCwd),
        asAt: values['as-at'],
        la: values.la,
        dataDir: config.dataDir,
      });
      console.log(values.json ? JSON.stringify(returnsJson(run), null, 2) : returnsText(run));
      if (run.result.errors.length > 0) return 2;
      if (values.template) {
        writeReturnsTemplate(run, fromUserCwd(values.template));
        if (!values.json) console.log(`\nWrote ${values.template}: load it with pnpm cli load ${values.template}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof ReturnsUsage) fail(error.message, 2);
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        fail(`${values.template} already exists; choose a new file name.`, 2);
      throw error;
    }
  }

  const store = openStore({ dbPath: config.dbPath, dataDir: config.dataDir });
  try {
    switch (command) {
      case 'template': {
        // As the server gives it: the scorecard set, the home council's rows, a quarter if one is named.
        const t = templateFor(store, argument);
        process.stdout.write(templateCsv(t.indicators, t.options));
        return 0;
      }
      case 'load': {
        if (!argument) fail(`load needs a file.\n\n${USAGE}`);
        const file = fromUserCwd(argument);
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`There is no file at ${file}.`, 1);
        const report = await runLoad(store.db, store.catalogue, {
          path: file,
          fileName: path.basename(file),
          loadedBy: by,
          dryRun: values['dry-run'],
          confirmJumps: values.confirm === true,
        }).catch((error: unknown) => {
          if (error instanceof JumpsUnconfirmed) {
            fail(error.message.replace('load with the jumps confirmed', 'load again with --confirm'), 1);
          }
          throw error;
        });
        console.log(values.json ? JSON.stringify(report, null, 2) : reportText(report));
        return report.counts.errors === 0 ? 0 : 1;
      }
      case 'user': {
        if (argument !== 'add') fail(`Only "user add" is supported.\n\n${USAGE}`);
        if (!values.email || !values.role) fail(`user add needs --email and --role.\n\n${USAGE}`);
        const role = values.role as Role;
        if (!ROLES.includes(role)) fail(`--role must be one of: ${ROLES.join(', ')}.`);
        const piped = !process.stdin.isTTY;
        // One line: the line break that ends it is not part of the password, and a second line is refused
        // rather than silently becoming part of it.
        const given = piped ? (await readStdin()).replace(/\r?\n$/, '') : '';
        if (/[\r\n]/.test(given)) {
          fail('The password on stdin must be one line: it contains a line break. Pipe exactly one line.', 1);
        }
        const password = given || generatePassword();
        const themes = values.themes ? values.themes.split(',').map((t) => t.trim()) : [];
        const known = store.catalogue.themes.map((t) => t.id);
        const unknown = themes.filter((t) => !known.includes(t));
        if (unknown.length) fail(`Unknown theme(s): ${unknown.join(', ')}; use: ${known.join(', ')}.`);
        try {
          const user = await createUser(store.db, { email: values.email, name: values.name, role, themes, password });
          audit(store.db, {
            actor: `cli:${os.userInfo().username}`,
            action: 'user-create',
            target: user.email,
            after: user,
          });
          console.log(`Created ${user.role} ${user.email}.`);
          if (!given) console.log(`Password (shown once, store it safely): ${password}`);
          return 0;
        } catch (error) {
          if (error instanceof UserProblem) fail(error.message, 1);
          throw error;
        }
      }
      case 'loads':
        for (const load of listLoads(store.db)) console.log(loadLine(load));
        return 0;
      case 'revert': {
        const id = Number(argument);
        if (!Number.isInteger(id) || id <= 0) fail(`revert needs a load id (a whole number), not "${argument ?? ''}".`);
        // The same service as the page and the API: packs that use the load's figures are named first.
        const loads = new LoadService(
          store.db,
          store.catalogue,
          new PackService(store.db, new ReadService(store.db, store.catalogue)),
          'here',
        );
        try {
          console.log(loadLine(await loads.revert(id, by, values.confirm === true)));
          return 0;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'packs_rely') {
            fail(`${error.message.replace('Undo it anyway (confirm)', 'Undo it anyway with --confirm')}`, 1);
          }
          if (error instanceof DomainError) fail(error.message, 1);
          throw error;
        }
      }
      case 'reapply': {
        const id = Number(argument);
        if (!Number.isInteger(id) || id <= 0)
          fail(`reapply needs a load id (a whole number), not "${argument ?? ''}".`);
        try {
          const report = reapplyLoad(store.db, store.catalogue, { loadId: id, by, dryRun: values['dry-run'] });
          console.log(values.json ? JSON.stringify(report, null, 2) : reportText(report));
          return 0;
        } catch (error) {
          if (error instanceof RevertRefused) fail(error.message, 1);
          throw error;
        }
      }
      case 'pack':
        return packCommand(store, positionals.slice(1), values.by);
      case 'dfe':
        try {
          return await dfeCommand(store, positionals.slice(1), { by, json: values.json, all: values.all === true });
        } finally {
          // Pulls and approvals load on worker threads, as the server's do: stopped so the command ends at once.
          await closeLoaderWorkers();
        }
      default:
        fail(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    store.db.$client.close();
  }
}

/** `pack check ID` and `pack ready|publish|draft ID --by EMAIL`: the page's readiness rule, from a terminal. */
function packCommand(store: Store, args: string[], email: string | undefined): number {
  const [action, idText] = args;
  const id = Number(idText);
  if (!['check', 'ready', 'publish', 'draft'].includes(action ?? '') || !Number.isInteger(id) || id <= 0) {
    fail(`pack needs check, ready, publish or draft and a pack id (a whole number), such as "pack check 3".`);
  }
  const reads = new ReadService(store.db, store.catalogue);
  const packs = new PackService(
    store.db,
    reads,
    new ReportService(store.db, store.catalogue, reads, undefined, readNationalFostering(store.dataDir)),
  );
  try {
    if (action === 'check') {
      const pack = packs.get(id, true);
      console.log(`Pack ${id}: ${pack.la.name}, ${pack.period.label}, version ${pack.version}, ${pack.state}`);
      for (const b of pack.readiness.blockers) console.log(`Blocked: ${b}`);
      for (const w of pack.readiness.warnings) console.log(`Check: ${w}`);
      if (pack.readiness.blockers.length === 0) console.log('Nothing stops it moving on.');
      return pack.readiness.blockers.length > 0 ? 1 : 0;
    }
    if (!email) fail(`pack ${action} needs --by EMAIL: the user it is done as (their role must allow it).`);
    const user = findUserByEmail(store.db, email);
    if (!user || user.disabled) fail(`No active user has the e-mail ${email}.`, 1);
    if (!may(user.role, 'pack')) fail(`${email} is ${user.role}: that role may not move committee packs on.`, 1);
    const state = action === 'publish' ? 'published' : (action as 'ready' | 'draft');
    const moved = packs.setState(id, state, user);
    console.log(`Pack ${id} is now ${moved.state}.`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) fail(error.message, 1);
    throw error;
  }
}

main(process.argv.slice(2))
  // Exit only once stdout has been written out: a pipe (`| jq`) takes 64 KB at a time, and exiting at once
  // would cut a long --json report there.
  .then((code) => process.stdout.write('', () => process.exit(code)))
  .catch((error: unknown) => {
    if (error instanceof CatalogueError) fail(error.message, 1);
    // Another process (the server committing a load, say) held the write lock past the busy timeout.
    if (isDatabaseBusy(error)) fail(BUSY_MESSAGE, 1);
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
      fail(`${error.message}\n\n${USAGE}`);
    console.error(error);
    process.exit(1);
  });

/** `dfe pull|pulls|show|approve|discard`: the same functions as the DfE data page. */
async function dfeCommand(
  store: Store,
  args: string[],
  options: { by: string; json: boolean; all: boolean },
): Promise<number> {
  const [verb, ...rest] = args;
  const config = readConfig();
  const endpoints = { apiUrl: config.dfeApiUrl, catalogueUrl: config.dfeCatalogueUrl };
  const idOf = () => {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id <= 0) fail(`dfe ${verb} needs a pull id (a whole number), not "${rest[0] ?? ''}".`);
    return id;
  };
  try {
    switch (verb) {
      case 'pull': {
        const pullable = store.catalogue.sources
          .filter(
            (s) =>
              (s.apiDataSetId || s.dataCatalogueId) && store.catalogue.indicators.some((i) => i.dfe?.file === s.file),
          )
          .map((s) => s.file);
        const files = rest.length > 0 ? rest : pullable;
        if (files.length === 0)
          fail(
            'No DfE source can be pulled yet: data/dfe/sources.yaml records no ids for the files the catalogue reads.',
            1,
          );
        const pulls = [];
        let failed = 0;
        for (const file of files) {
          try {
            pulls.push(
              await pullSource(store.db, store.catalogue, file, { by: options.by, endpoints, dataDir: config.dataDir }),
            );
          } catch (error) {
            if (error instanceof DfeUnreachable) throw error;
            if (!(
              error instanceof NotPullable ||
              error instanceof DfeRefused ||
              error instanceof DownloadMismatch ||
              error instanceof PullRefused
            ))
              throw error;
            failed += 1;
            console.error(`${file}: ${error.message}`);
          }
        }
        console.log(options.json ? JSON.stringify(pulls, null, 2) : pulls.map((p) => pullText(p)).join('\n\n'));
        return failed > 0 || pulls.some((p) => !p.approvable) ? 1 : 0;
      }
      case 'pulls': {
        const pulls = listPulls(store.db);
        if (options.json) console.log(JSON.stringify(pulls, null, 2));
        else if (pulls.length === 0) console.log('No DfE release has been pulled yet: pnpm cli dfe pull');
        else
          for (const p of pulls)
            console.log(
              `${p.id}\t${p.pulledAt.slice(0, 16).replace('T', ' ')}\t${p.state}\t${p.source}\t${p.release.releaseTitle}\t${p.report.counts.revised} revised, ${p.report.counts.newFigures} new`,
            );
        return 0;
      }
      case 'show': {
        const pull = getPull(store.db, idOf());
        if (!pull) fail(`There is no DfE pull ${rest[0]}.`, 1);
        console.log(options.json ? JSON.stringify(pull, null, 2) : pullText(pull, options.all ? Infinity : 20));
        return 0;
      }
      case 'approve': {
        const id = idOf();
        const pull = getPull(store.db, id);
        if (!pull) fail(`There is no DfE pull ${id}.`, 1);
        const approved = await approvePull(store.db, store.catalogue, id, {
          by: options.by,
          planHash: pull.planHash ?? '',
        });
        console.log(
          `Approved DfE pull ${id}: load ${approved.loadId} (${approved.report.counts.revised} revised, ${approved.report.counts.newFigures} new figures). Undo it with pnpm cli revert ${approved.loadId}.`,
        );
        return 0;
      }
      case 'discard': {
        const discarded = discardPull(store.db, idOf(), { by: options.by });
        console.log(`Discarded DfE pull ${discarded.id}.`);
        return 0;
      }
      default:
        fail(`dfe needs check, pull, pulls, show, approve or discard.\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof DfeUnreachable || error instanceof PullRefused) fail(error.message, 1);
    throw error;
  }
}
