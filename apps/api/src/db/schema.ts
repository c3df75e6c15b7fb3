import { ROLE_IDS } from '@indicate/contracts';
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The store. Change it here, then `pnpm db:generate` writes a migration into src/db/migrations, which
 * is committed and applied at start-up.
 *
 * Periods are stored as their URL id (`2018-19-Q1`) with their kind and last month (months since year 0)
 * so series order and "latest DfE year ended by" lookups are index range scans.
 */

/** Reference facts and bookkeeping: bundled-data fingerprints, catalogue hash. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const localAuthorities = sqliteTable('local_authorities', {
  /** DfE's 3-digit code; stable across ONS recoding, so it is the key. */
  oldLaCode: text('old_la_code').primaryKey(),
  /** The latest 9-character ONS code (see la_code_history for earlier ones). */
  newLaCode: text('new_la_code').notNull().unique(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  regionName: text('region_name').notNull(),
  /** First and last DfE reporting years in which the bundled data lists this LA. */
  firstYear: integer('first_year').notNull(),
  lastYear: integer('last_year').notNull(),
});

/** Regions as DfE's files name them, Inner and Outer London included (LA rows use those for London). */
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** Every ONS code an LA has had in DfE's files, so either code can name it in a load. */
export const laCodeHistory = sqliteTable(
  'la_code_history',
  {
    oldLaCode: text('old_la_code')
      .notNull()
      .references(() => localAuthorities.oldLaCode),
    newLaCode: text('new_la_code').notNull().unique(),
    firstYear: integer('first_year').notNull(),
    lastYear: integer('last_year').notNull(),
  },
  (t) => [index('la_code_history_la').on(t.oldLaCode)],
);

/** Reorganisations: which LA's area passed to which, from when (data/la-lineage.csv). */
export const laLineage = sqliteTable(
  'la_lineage',
  {
    predecessorCode: text('predecessor_code')
      .notNull()
      .references(() => localAuthorities.oldLaCode),
    successorCode: text('successor_code')
      .notNull()
      .references(() => localAuthorities.oldLaCode),
    effectiveFrom: text('effective_from').notNull(),
    note: text('note').notNull(),
  },
  (t) => [primaryKey({ columns: [t.predecessorCode, t.successorCode] })],
);

/** DfE statistical-neighbour models: ten neighbours per LA, nearest first. */
export const statNeighbours = sqliteTable(
  'stat_neighbours',
  {
    /** The model's year: 2021 (April 2021 groupings) or 2025. */
    modelYear: integer('model_year').notNull(),
    laCode: text('la_code').notNull(),
    /** 1 = nearest. */
    rank: integer('rank').notNull(),
    neighbourCode: text('neighbour_code').notNull(),
    /** DfE's label: "Extremely close", "Very close", "Close", "Somewhat close", "Not close". */
    closeness: text('closeness').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.modelYear, t.laCode, t.rank] }),
    check('stat_neighbours_rank', sql`${t.rank} between 1 and 10`),
  ],
);

export const themes = sqliteTable('themes', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  outcome: text('outcome').notNull(),
  position: integer('position').notNull(),
});

/** The catalogue as last loaded from data/indicators.yaml; `definition` is the validated entry as JSON. */
export const indicators = sqliteTable('indicators', {
  id: text('id').primaryKey(),
  themeId: text('theme_id')
    .notNull()
    .references(() => themes.id),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  polarity: text('polarity', { enum: ['high', 'low', 'none'] }).notNull(),
  periodType: text('period_type').notNull(),
  definition: text('definition', { mode: 'json' }).notNull(),
});

/** One data file (or bundled file) taken in by the loader. */
export const loads = sqliteTable('loads', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** ISO 8601 UTC. */
  loadedAt: text('loaded_at').notNull(),
  loadedBy: text('loaded_by').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  format: text('format').notNull(),
  rowsRead: integer('rows_read').notNull(),
  rowsNew: integer('rows_new').notNull(),
  rowsChanged: integer('rows_changed').notNull(),
  rowsUnchanged: integer('rows_unchanged').notNull(),
  /** For a revert: figures it removed because the reverted load had added them. */
  rowsRemoved: integer('rows_removed').notNull().default(0),
  warnings: integer('warnings').notNull().default(0),
  /** `committed`, or `reverted` once a later revert undid it. */
  state: text('state', { enum: ['committed', 'reverted'] }).notNull(),
  /** Set on a revert's own record: the load it undid. */
  revertsLoadId: integer('reverts_load_id'),
  /** Set on a re-apply's own record: the undone load whose figures it wrote again. */
  reappliesLoadId: integer('reapplies_load_id'),
  /**
   * For figures computed from the council's returns (JSON): the date computed for, the rule set, each
   * file's name and SHA-256, as the template's `# returns-` lines gave them. Never anything child-level.
   */
  provenance: text('provenance'),
  /** For a DfE release pulled from Explore Education Statistics (JSON): the source, data set id and version. */
  dfeRelease: text('dfe_release'),
  /**
   * For a service log (core/service-logs.ts: the fostering register, the complaints log, the action plan...):
   * which log. A log load holds the whole log; the current log of a kind is its latest committed load's rows.
   */
  logKind: text('log_kind'),
  /** For an inspection action plan: each recommendation's status when it was loaded (JSON), the plan's history. */
  logSnapshot: text('log_snapshot'),
});

/** The rows of each service log load, as read and checked (core's readLog): kept, never changed or deleted. */
export const logRows = sqliteTable(
  'log_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loadId: integer('load_id')
      .notNull()
      .references(() => loads.id),
    kind: text('kind').notNull(),
    /** The row as the file numbers it (header = 1). */
    row: integer('row').notNull(),
    /** The row's key columns, joined: how a reload is compared with the log before it. */
    key: text('key').notNull(),
    /** The row's values by column (JSON), as core's readLog gave them. */
    data: text('data').notNull(),
  },
  (t) => [index('log_rows_load').on(t.loadId, t.row)],
);

/**
 * `local-authority-breakdown`: a figure for one group of an LA's children (its `breakdown`, such as
 * `placement-provider:own`), computed from the council's returns. Every read of the LA's own figures asks for
 * `local-authority`, so a breakdown is never mistaken for the whole.
 */
export const GEOGRAPHY_LEVELS = [
  'national',
  'regional',
  'local-authority',
  'stat-neighbours',
  'local-authority-breakdown',
] as const;

/**
 * The current figure for each indicator, geography and period. `stat-neighbours` rows hold an SN
 * average *as published* for an LA (geography_code = the LA), for years without all-LA data.
 */
export const observations = sqliteTable(
  'observations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id),
    geographyLevel: text('geography_level', { enum: GEOGRAPHY_LEVELS }).notNull(),
    /** England E92000001, a region E12..., or an LA's old_la_code. */
    geographyCode: text('geography_code').notNull(),
    periodId: text('period_id').notNull(),
    periodKind: text('period_kind').notNull(),
    /** `dimension:group` for a breakdown figure (level `local-authority-breakdown`), else ''. */
    breakdown: text('breakdown').notNull().default(''),
    /** Last month of the period, as months since year 0: for ordering and benchmark-year lookups. */
    periodEnd: integer('period_end').notNull(),
    value: real('value'),
    /** A DfE symbol standing in place of the value (c, low, k, u, x, z): never both, never neither. */
    symbol: text('symbol'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    status: text('status', { enum: ['provisional', 'final'] })
      .notNull()
      .default('final'),
    /** A published national quartile (1-4) given with a published comparator. */
    publishedQuartile: integer('published_quartile'),
    /** Where the figure was read: a file and row, or a committee paper and line. */
    sourceRef: text('source_ref').notNull(),
    note: text('note'),
    loadId: integer('load_id')
      .notNull()
      .references(() => loads.id),
  },
  (t) => [
    uniqueIndex('observations_key').on(t.indicatorId, t.geographyLevel, t.geographyCode, t.periodId, t.breakdown),
    // The scorecard: one LA, one period, every indicator.
    index('observations_by_place').on(t.geographyCode, t.periodId),
    // All-LA quartiles: one indicator, one period end.
    index('observations_by_indicator_period').on(t.indicatorId, t.periodEnd, t.geographyLevel),
    // One place's series of one indicator in period order: latest figure, sparkline, "any earlier".
    index('observations_series').on(t.indicatorId, t.geographyCode, t.geographyLevel, t.periodEnd),
    // Revert: every figure one load wrote.
    index('observations_by_load').on(t.loadId),
    check('observations_value_or_symbol', sql`(${t.value} is null) <> (${t.symbol} is null)`),
    check('observations_quartile', sql`${t.publishedQuartile} is null or ${t.publishedQuartile} between 1 and 4`),
  ],
);

/** Earlier versions of an observation, kept when a load changes it, so "what changed" and revert work. */
export const observationHistory = sqliteTable(
  'observation_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    observationId: integer('observation_id').notNull(),
    /**
     * The figure's key, kept so a figure a revert removed can be written again (re-applying an undone
     * load). Null only on versions kept before migration 0010 whose figure had already gone.
     */
    indicatorId: text('indicator_id'),
    geographyLevel: text('geography_level'),
    geographyCode: text('geography_code'),
    periodId: text('period_id'),
    periodKind: text('period_kind'),
    periodEnd: integer('period_end'),
    breakdown: text('breakdown').notNull().default(''),
    value: real('value'),
    symbol: text('symbol'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    status: text('status').notNull(),
    publishedQuartile: integer('published_quartile'),
    sourceRef: text('source_ref').notNull(),
    note: text('note'),
    /** The load that had written this version. */
    loadId: integer('load_id').notNull(),
    /** The load that replaced it. */
    replacedByLoadId: integer('replaced_by_load_id')
      .notNull()
      .references(() => loads.id),
  },
  (t) => [
    index('observation_history_by_observation').on(t.observationId),
    index('observation_history_by_load').on(t.replacedByLoadId),
    // Revert: the version a load replaced, found by observation and replacing load together.
    index('observation_history_by_observation_load').on(t.observationId, t.replacedByLoadId, t.id),
    // Revert: has a later load replaced what this load wrote? Re-apply: what did it write?
    index('observation_history_by_writer').on(t.loadId),
  ],
);

/**
 * The council's target for an indicator and period, with its tolerance (null: the catalogue's). Loaded as
 * `Target` rows of the template, so each knows its load; replaced versions go to target_history.
 */
export const targets = sqliteTable(
  'targets',
  {
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id),
    laCode: text('la_code')
      .notNull()
      .references(() => localAuthorities.oldLaCode),
    periodId: text('period_id').notNull(),
    value: real('value').notNull(),
    toleranceKind: text('tolerance_kind', { enum: ['absolute', 'relative'] }),
    toleranceAmount: real('tolerance_amount'),
    sourceRef: text('source_ref').notNull(),
    note: text('note'),
    setBy: text('set_by').notNull(),
    setAt: text('set_at').notNull(),
    loadId: integer('load_id').references(() => loads.id),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.laCode, t.periodId] })],
);

/** Earlier versions of a target, kept when a load (or a person) replaces it. */
export const targetHistory = sqliteTable(
  'target_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: text('indicator_id').notNull(),
    laCode: text('la_code').notNull(),
    periodId: text('period_id').notNull(),
    value: real('value').notNull(),
    toleranceKind: text('tolerance_kind'),
    toleranceAmount: real('tolerance_amount'),
    sourceRef: text('source_ref').notNull(),
    note: text('note'),
    setBy: text('set_by').notNull(),
    setAt: text('set_at').notNull(),
    loadId: integer('load_id'),
    /** The load that replaced it, or null when a person replaced it (see replacedBy). */
    replacedByLoadId: integer('replaced_by_load_id').references(() => loads.id),
    /** Who replaced it by hand (a service lead), with replacedAt; null when a load did. */
    replacedBy: text('replaced_by'),
    replacedAt: text('replaced_at'),
  },
  (t) => [
    index('target_history_by_key').on(t.indicatorId, t.laCode, t.periodId, t.replacedByLoadId, t.id),
    index('target_history_by_load').on(t.replacedByLoadId),
    index('target_history_by_writer').on(t.loadId),
  ],
);

/** A head of service's override of a proposed RAG, with the reason; never edited, only superseded. */
export const ragOverrides = sqliteTable(
  'rag_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id),
    laCode: text('la_code')
      .notNull()
      .references(() => localAuthorities.oldLaCode),
    periodId: text('period_id').notNull(),
    proposedStatus: text('proposed_status').notNull(),
    status: text('status', { enum: ['green', 'amber', 'red'] }).notNull(),
    reason: text('reason').notNull(),
    overriddenBy: text('overridden_by').notNull(),
    overriddenAt: text('overridden_at').notNull(),
  },
  (t) => [index('rag_overrides_by_place').on(t.laCode, t.periodId, t.indicatorId)],
);

/** The roles: contracts' ROLE_IDS, the one list (auth.ts says what each may do). */
export const ROLES = ROLE_IDS;

/** People who may sign in. A service lead's themes bound what they may write. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** JSON array of theme ids, for a service lead; empty for other roles. */
  themes: text('themes', { mode: 'json' }).$type<string[]>().notNull(),
  /** scrypt, in the self-describing form `scrypt$N$r$p$salt$hash` (see auth/passwords.ts). */
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** Set when an admin resets the password: the one-time password must be changed before anything else. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
});

/** Server-side sessions. Only a SHA-256 of the session id is stored, so a copy of the database opens none. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('sessions_by_user').on(t.userId)],
);

/**
 * Known devices (auth/devices.ts): a browser that signed in to an account. Only a SHA-256 of the cookie's
 * token is stored. A device is valid only while the account's password is the one it signed in with
 * (`password_tag`), and from at most a few addresses; a password change, an admin reset, disabling and
 * "sign out everywhere" delete the account's devices.
 */
export const devices = sqliteTable(
  'devices',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** A SHA-256 of the password hash the device signed in under: a new password makes it invalid. */
    passwordTag: text('password_tag').notNull(),
    /** The addresses it has been used from (JSON array, at most DEVICE_MAX_ADDRESSES). */
    addresses: text('addresses').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('devices_by_user').on(t.userId)],
);

/**
 * Failed sign-ins, kept in SQLite so a restart forgets nothing (see auth/throttle.ts). One row per
 * failure, keyed by the account and by the address it came from; rows older than the window are pruned.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The lower-cased email tried (bounded to 254 characters). */
    account: text('account').notNull(),
    address: text('address').notNull(),
    /** Milliseconds since the epoch. */
    at: integer('at').notNull(),
    /**
     * 1 when the attempt came from an address with no failures in the window while the account was slowed:
     * such attempts share a slot of their own, so the owner at a clean address is not kept out by a stranger
     * polling from elsewhere (auth/throttle.ts, rule 5).
     */
    clean: integer('clean').notNull().default(0),
  },
  (t) => [
    index('sign_in_failures_by_account').on(t.account, t.at),
    index('sign_in_failures_by_address').on(t.address, t.at),
  ],
);

/** Every write, appended and never edited: who, when, what, before and after (JSON). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The user's email, or `cli:<name>` / `system` for writes outside the web app. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** What the action was done to: a load id, an indicator/LA/period key, a user's email. */
    target: text('target').notNull(),
    before: text('before'),
    after: text('after'),
    address: text('address'),
  },
  (t) => [index('audit_by_action').on(t.action, t.id), index('audit_by_actor').on(t.actor, t.id)],
);

/** Settings an admin changes: public read, suppression threshold. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Commentary on an indicator's figure: a service lead publishes, an analyst drafts. */
export const commentary = sqliteTable(
  'commentary',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id),
    laCode: text('la_code').notNull(),
    periodId: text('period_id').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['draft', 'published', 'withdrawn'] }).notNull(),
    author: text('author').notNull(),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [index('commentary_by_key').on(t.indicatorId, t.laCode, t.periodId, t.id)],
);

/**
 * A committee pack for an LA and period. Its snapshot (scorecard, summary, drafted paragraphs) is taken
 * when it is drafted; once published it is frozen, and a revision is a new version.
 */
export const packs = sqliteTable(
  'packs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    laCode: text('la_code').notNull(),
    periodId: text('period_id').notNull(),
    version: integer('version').notNull(),
    state: text('state', { enum: ['draft', 'ready', 'published'] }).notNull(),
    snapshot: text('snapshot').notNull(),
    /** What changed against the version it revises, as JSON; null for a first version. */
    changes: text('changes'),
    revisesPackId: integer('revises_pack_id'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    stateChangedBy: text('state_changed_by').notNull(),
    stateChangedAt: text('state_changed_at').notNull(),
    /** Set when a load its snapshot relies on was undone: the draft should be refreshed from the data. */
    staleSinceRevertOf: integer('stale_since_revert_of'),
  },
  (t) => [uniqueIndex('packs_version').on(t.laCode, t.periodId, t.version)],
);

/** Words people write into a pack: an edited paragraph or the "why and what we are doing" commentary. */
/**
 * The service lead's key message for a council's period, at the top of the scorecard and the pack: versions
 * newest last, like commentary (a draft by an analyst, published by a service lead, withdrawn as a version).
 */
export const keyMessages = sqliteTable(
  'key_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    laCode: text('la_code').notNull(),
    periodId: text('period_id').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['draft', 'published', 'withdrawn'] }).notNull(),
    author: text('author').notNull(),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [index('key_messages_by_period').on(t.laCode, t.periodId, t.id)],
);

export const packTexts = sqliteTable(
  'pack_texts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packId: integer('pack_id')
      .notNull()
      .references(() => packs.id),
    indicatorId: text('indicator_id').notNull(),
    kind: text('kind', { enum: ['paragraph', 'commentary', 'key-message'] }).notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [index('pack_texts_by_pack').on(t.packId, t.indicatorId, t.id)],
);

/**
 * A DfE data set fetched from Explore Education Statistics (`pnpm cli dfe pull`, the DfE data page), kept as
 * DfE sent it (gzip) with its dry run, until an analyst approves it (a load like any other) or discards it.
 */
export const dfePulls = sqliteTable(
  'dfe_pulls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The source's bundled file name, its key in data/dfe/sources.yaml. */
    sourceFile: text('source_file').notNull(),
    /** Where it came from: the statistics API (a data set version) or the data catalogue (a release's file). */
    via: text('via', { enum: ['api', 'catalogue'] }).notNull(),
    dataSetId: text('data_set_id').notNull(),
    /** The API's version ("2.1"), or for the data catalogue the release's title. */
    version: text('version').notNull(),
    releaseTitle: text('release_title').notNull(),
    published: text('published'),
    pulledAt: text('pulled_at').notNull(),
    pulledBy: text('pulled_by').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    csvGzip: blob('csv_gzip', { mode: 'buffer' }).notNull(),
    /** The dry run's plan: approval commits exactly this or is refused. */
    planHash: text('plan_hash'),
    /** What the dry run found (JSON, the contracts' DfePullReport). */
    report: text('report').notNull(),
    state: text('state', { enum: ['staged', 'approved', 'discarded'] }).notNull(),
    loadId: integer('load_id'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('dfe_pulls_by_source').on(t.sourceFile, t.id)],
);

/** The last time each source was asked of DfE (`dfe check`, the daily check): what DfE then published. */
export const dfeChecks = sqliteTable('dfe_checks', {
  sourceFile: text('source_file').primaryKey(),
  checkedAt: text('checked_at').notNull(),
  /** The version DfE published then (API version or release title); null when it could not be asked. */
  version: text('version'),
  published: text('published').notNull(),
});
