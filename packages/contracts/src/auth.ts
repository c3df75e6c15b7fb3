import { z } from 'zod';

/** Users, sessions, settings and the audit log: the shapes the API sends and the dashboard reads. */

export const ROLE_IDS = ['viewer', 'service-lead', 'analyst', 'admin'] as const;
export const RoleSchema = z.enum(ROLE_IDS);
export type RoleId = (typeof ROLE_IDS)[number];

/**
 * What a route or a page needs. `public`: anyone; `read`: signed in, or anyone when public read is on (who
 * then gets the public view); `signed-in`: any signed-in user, never the public view; the rest: a grant.
 */
export const ACCESS_IDS = [
  'public',
  'read',
  'signed-in',
  'load',
  'override',
  'target',
  'commentary',
  'pack',
  'publish',
  'dashboard',
  'admin',
] as const;
export type Access = (typeof ACCESS_IDS)[number];

/**
 * The roles table of the brief, in one place: the server enforces it on every route and the dashboard
 * uses it to decide what to offer. A service lead's writes are also bounded by their themes.
 */
export const GRANTS: Record<RoleId, readonly Access[]> = {
  viewer: ['read', 'signed-in'],
  'service-lead': ['read', 'signed-in', 'override', 'target', 'commentary', 'pack', 'publish'],
  analyst: ['read', 'signed-in', 'load', 'commentary', 'pack', 'dashboard'],
  admin: ['read', 'signed-in', 'dashboard', 'admin'],
};

/** Whether a role has a grant. */
export function may(role: RoleId | null | undefined, access: Access): boolean {
  if (access === 'public') return true;
  return role ? GRANTS[role].includes(access) : false;
}

/** A grant in words, for "Your role may not ..." messages and disabled controls. */
export const ACCESS_WORDS: Record<Access, string> = {
  public: 'use this',
  read: 'read the figures',
  'signed-in': 'see this',
  load: 'load or revert data',
  override: 'override a RAG status',
  target: 'set targets',
  commentary: 'write commentary',
  pack: 'draft or edit committee packs',
  publish: 'publish committee packs',
  dashboard: "choose the dashboard's measures",
  admin: 'manage users, settings and the audit log',
};

/** Whether this user may write for an indicator of this theme (a service lead only for their own). */
export function mayWriteForTheme(user: { role: RoleId; themes: readonly string[] } | null, theme: string): boolean {
  if (!user) return false;
  return user.role !== 'service-lead' || user.themes.includes(theme);
}

export const SessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  themes: z.array(z.string()),
  /** Signed in with a one-time password from an admin: it must be changed before anything else. */
  mustChangePassword: z.boolean(),
});

export const SessionSchema = z.object({
  user: SessionUserSchema.nullable(),
  /** Send it back as X-CSRF-Token on every write. */
  csrfToken: z.string().nullable(),
  publicRead: z.boolean(),
  suppressionThreshold: z.number().int(),
  /** The council the dashboard opens on, and the service's name in the header and the pack's title. */
  homeLa: z.object({ code: z.string(), name: z.string() }),
  serviceName: z.string(),
  /** True until the first admin exists: the sign-in page then says how to create one. */
  noUsersYet: z.boolean(),
});

export const UserSchema = SessionUserSchema.extend({ disabled: z.boolean() });
export const CreatedUserSchema = z.object({ user: UserSchema, generatedPassword: z.string().nullable() });

export const SettingsSchema = z.strictObject({
  publicRead: z.boolean(),
  suppressionThreshold: z.number().int().min(1).max(100),
  /** The council the dashboard opens on: a DfE 3-digit LA code. */
  homeLa: z.string().regex(/^\d{3}$/, 'must be a DfE 3-digit local authority code, such as 855'),
  /** The service's name, as the header and the committee pack's title print it. */
  serviceName: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(80, 'must be at most 80 characters')
    .regex(/^[^<>\p{Cc}]+$/u, 'must be plain text on one line'),
  /** Ask DfE once a day whether a newer release of each source is out (never loads it). Off by default. */
  dfeDailyCheck: z.boolean().default(false),
});

export const AuditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  address: z.string().nullable(),
});

export const AUDIT_ACTIONS = [
  'load',
  'revert',
  'target-set',
  'rag-override',
  'commentary-published',
  'commentary-draft',
  'commentary-withdrawn',
  'key-message-draft',
  'key-message-published',
  'key-message-withdrawn',
  'pack-draft',
  'pack-paragraph',
  'pack-commentary',
  'pack-ready',
  'pack-published',
  'pack-stale',
  'pack-refresh',
  'user-create',
  'user-change',
  'settings-change',
  'scorecard-set-change',
  'rag-rule-change',
  'password-reset',
  'password-change',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'dfe-pull',
  'dfe-discard',
] as const;

export type Commentary = z.infer<typeof CommentarySchema>;
export const CommentarySchema = z.object({
  id: z.number().int(),
  text: z.string(),
  /** `withdrawn`: a version of its own saying the commentary before it is no longer the service's word. */
  status: z.enum(['draft', 'published', 'withdrawn']),
  author: z.string(),
  writtenAt: z.string(),
});

export type Session = z.infer<typeof SessionSchema>;
export type SessionUser = z.infer<typeof SessionUserSchema>;
export type Role = z.infer<typeof RoleSchema>;

/** PUT /api/session/password: the user's own change (answered 204). */
export const PasswordChangeSchema = z.strictObject({
  current: z.string().min(1, 'is needed').max(200),
  password: z.string().min(1, 'is needed').max(200),
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** POST /api/users/:id/password: an admin's reset; the one-time password is shown once. */
export const PasswordResetSchema = z.object({ user: UserSchema, generatedPassword: z.string() });
