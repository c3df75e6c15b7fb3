import { GRANTS, ROLE_IDS, type Access, type RoleId } from '@indicate/contracts';

/** "better" → "Better": a word that starts a cell or a sentence. */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** Each role as the committee knows it. */
export const ROLE_NAMES: Record<RoleId, string> = {
  viewer: 'Viewer (scrutiny member)',
  'service-lead': 'Service lead (head of service)',
  analyst: 'Analyst',
  admin: 'Admin',
};

const ROLE_PLURALS: Record<RoleId, string> = {
  viewer: 'viewers',
  'service-lead': 'service leads',
  analyst: 'analysts',
  admin: 'admins',
};

/** Who has a grant, in words, from the one permission table: "analysts", "service leads and analysts". */
export function audienceOf(access: Access): string {
  const roles = ROLE_IDS.filter((role) => GRANTS[role].includes(access));
  if (roles.length === ROLE_IDS.length) return 'signed-in users';
  const names = roles.map((role) => ROLE_PLURALS[role]);
  return names.length <= 1 ? (names[0] ?? 'no one') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
