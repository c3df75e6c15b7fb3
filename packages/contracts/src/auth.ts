import { z } from 'zod';

/** Users, sessions, settings and the audit log: the shapes the API sends and the dashboard reads. */

export const ROLE_IDS = ['viewer', 'service-lead', 'analyst', 'admin'] as const;
export const RoleSchema = z.enum(ROLE_IDS);

export const SessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  themes: z.array(z.string()),
});

export const SessionSchema = z.object({
  user: SessionUserSchema.nullable(),
  /** Send it back as X-CSRF-Token on every write. */
  csrfToken: z.string().nullable(),
  publicRead: z.boolean(),
  suppressionThreshold: z.number().int(),
  /** True until the first admin exists: the sign-in page then says how to create one. */
  noUsersYet: z.boolean(),
});

export const UserSchema = SessionUserSchema.extend({ disabled: z.boolean() });
export const CreatedUserSchema = z.object({ user: UserSchema, generatedPassword: z.string().nullable() });

export const SettingsSchema = z.strictObject({
  publicRead: z.boolean(),
  suppressionThreshold: z.number().int().min(1).max(100),
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
  'pack-draft',
  'pack-paragraph',
  'pack-commentary',
  'pack-ready',
  'pack-published',
  'user-create',
  'user-change',
  'settings-change',
  'sign-in',
  'sign-in-failed',
  'sign-out',
] as const;

export const CommentarySchema = z.object({
  id: z.number().int(),
  text: z.string(),
  status: z.enum(['draft', 'published']),
  author: z.string(),
  writtenAt: z.string(),
});

export type Session = z.infer<typeof SessionSchema>;
export type SessionUser = z.infer<typeof SessionUserSchema>;
export type Role = z.infer<typeof RoleSchema>;
