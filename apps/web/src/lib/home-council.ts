/**
 * The council the dashboard opens on: Leicestershire, whose committee papers are bundled. The one place it
 * is written; it becomes a setting later.
 */
export const HOME_LA = '855';
