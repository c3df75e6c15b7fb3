import { may, type Access, type Session } from '@indicate/contracts';

/**
 * Whether this session may open a page that needs `access`, by the permission table the server enforces:
 * `read` is open to anonymous visitors too while public read is on (they get the public view).
 */
export function mayOpen(session: Session, access: Access): boolean {
  if (access === 'read' && session.publicRead) return true;
  return may(session.user?.role, access);
}
