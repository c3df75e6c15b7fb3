import { useSession } from '../api/session.ts';

/**
 * The council the dashboard opens on is a setting (GET /api/session gives it): Leicestershire, whose
 * committee papers are bundled, until an admin changes it. A page whose address names no council uses it.
 */
export function useCouncilCode(fromAddress: string | undefined): string {
  const session = useSession();
  return fromAddress ?? session.homeLa.code;
}
