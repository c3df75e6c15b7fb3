import { z } from 'zod';
import { RoleSchema, type SettingsSchema, type UserSchema } from './auth.ts';
import { PackChangeSchema, PackSchema } from './packs.ts';

/**
 * What the dashboard sends when it writes, and what it gets back: one definition for the server to validate
 * the request and for the dashboard to check a form before sending it. The rules are the server's as they
 * stood in apps/api/src/routes (writes, packs, admin, session); the messages a person reads beside a field
 * are the ones given here.
 */

// --- building blocks ------------------------------------------------------------------------------------

const indicatorId = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a catalogue id');
const la = z.string().regex(/^\d{3}$/, 'must be a DfE 3-digit LA code');
const period = z
  .string()
  .max(20)
  .regex(/^[0-9A-Za-z-]+$/, 'must be a period id such as 2018-19-Q1');
const ragStatus = z.enum(['green', 'amber', 'red']);
const toleranceKind = z.enum(['absolute', 'relative']);
const themes = z.array(z.string().max(80)).max(20);

/** The figure a judgement is about: an indicator, a council and a period. */
const figureKey = { indicatorId, la, period };
export const FigureKeySchema = z.strictObject(figureKey);

/** A numeric id in a path (`/api/packs/:id`, `/api/users/:id`). */
export const IdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

// --- targets, RAG overrides, commentary (PUT /api/targets, POST /api/overrides, POST /api/commentary) ---

export const TargetBodySchema = z.strictObject({
  ...figureKey,
  value: z.number().finite(),
  tolerance: z
    .object({ kind: toleranceKind, amount: z.number().min(0).max(1e6) })
    .nullable()
    .default(null),
  note: z.string().max(2000).nullable().default(null),
});
export const TargetSchema = z.object({
  value: z.number(),
  tolerance: z.object({ kind: toleranceKind, amount: z.number() }).nullable(),
  note: z.string().nullable(),
});

export const OverrideBodySchema = z.strictObject({
  ...figureKey,
  status: ragStatus,
  reason: z.string().trim().min(10, 'must say why, in at least 10 characters').max(1000),
});
export const OverrideSchema = z.object({ proposedStatus: z.string(), status: ragStatus, reason: z.string() });

/** Answered with the saved commentary (CommentarySchema): a service lead's is published, an analyst's a draft. */
export const CommentaryBodySchema = z.strictObject({ ...figureKey, text: z.string().trim().min(1).max(4000) });

/** The service lead's key message for a council's period (an analyst's is a draft); GET and DELETE take la and period. */
export const KeyMessageBodySchema = z.strictObject({ la, period, text: z.string().trim().min(1).max(2000) });
export type KeyMessageBody = z.infer<typeof KeyMessageBodySchema>;
export const KeyMessageQuerySchema = z.strictObject({ la, period });

// --- committee packs (POST /api/packs, PUT /api/packs/:id/text, POST /api/packs/:id/state) -------------

/** Draft the pack for a council and period; answered with the pack (PackSchema). */
export const PackKeySchema = z.strictObject({ la, period });
export const PackTextBodySchema = z.strictObject({
  indicatorId: z.string().max(80),
  kind: z.enum(['paragraph', 'commentary']),
  text: z.string().trim().min(1).max(4000),
});
/** GET /api/packs: a council's packs, for one period when given. */
export const PackListQuerySchema = z.strictObject({ la, period: period.optional() });
/** GET /api/packs/:id/appendix: Appendix A as a spreadsheet. */
/**
 * Which part of a pack: `paper`, the public committee paper (the default); `annex`, the members-only annex
 * of what the paper withholds, marked not for publication (ADR 0017).
 */
export const PackPartSchema = z.enum(['paper', 'annex']).default('paper');
export const AppendixQuerySchema = z.strictObject({ format: z.enum(['csv', 'xlsx']), part: PackPartSchema });
/** GET /api/packs/:id/pdf: the whole pack, or its exceptions only; the paper or the members-only annex. */
export const PackPdfQuerySchema = z.strictObject({
  exceptions: z.enum(['true', 'false']).optional(),
  part: PackPartSchema,
});
export const PackStateBodySchema = z.strictObject({ state: PackSchema.shape.state });
/** GET /api/packs/:id/changes: what changed since the council's previous published pack. */
export const PackChangesSchema = z.object({
  previous: z.object({ id: z.number(), period: z.string() }).nullable(),
  changes: z.array(PackChangeSchema),
});

// --- users and settings (POST /api/users, PATCH /api/users/:id, PUT /api/settings with SettingsSchema) ---

/** Answered with the user and, when no password was given, the generated one (CreatedUserSchema). */
export const NewUserSchema = z.strictObject({
  email: z.string().min(3).max(254),
  name: z.string().max(120).optional(),
  role: RoleSchema,
  themes: themes.optional(),
  password: z.string().max(200).optional(),
});
/** Answered with the changed user (UserSchema). */
export const UserChangeSchema = z.strictObject({
  role: RoleSchema.optional(),
  themes: themes.optional(),
  disabled: z.boolean().optional(),
});

/** GET /api/audit: newest first, filtered by action or actor; CSV with format=csv. */
export const AuditQuerySchema = z.strictObject({
  action: z.string().max(40).optional(),
  actor: z.string().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  beforeId: z.coerce.number().int().positive().optional(),
  format: z.enum(['json', 'csv']).optional(),
});

// --- signing in (POST /api/session, answered with SessionSchema) ----------------------------------------

export const SignInSchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

export type FigureKey = z.infer<typeof FigureKeySchema>;
export type TargetBody = z.input<typeof TargetBodySchema>;
export type OverrideBody = z.infer<typeof OverrideBodySchema>;
export type CommentaryBody = z.infer<typeof CommentaryBodySchema>;
export type PackTextBody = z.infer<typeof PackTextBodySchema>;
export type PackStateBody = z.infer<typeof PackStateBodySchema>;
export type PackChanges = z.infer<typeof PackChangesSchema>;
export type NewUser = z.infer<typeof NewUserSchema>;
export type UserChange = z.infer<typeof UserChangeSchema>;
/** What POST and PATCH /api/users answer with (UserSchema). */
export type User = z.infer<typeof UserSchema>;
export type SignIn = z.infer<typeof SignInSchema>;
/** PUT /api/settings takes and answers SettingsSchema. */
export type Settings = z.infer<typeof SettingsSchema>;
