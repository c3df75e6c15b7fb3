import { SettingsSchema, type Settings } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../api/figures.ts';
import { sessionKey } from '../../../api/session.ts';
import { sendJson } from '../../../lib/api-client.ts';
import { settingsKey } from './get-settings.ts';

/** PUT /api/settings with a body checked against SettingsSchema; answered with the settings now in force. */
export const saveSettings = (body: Settings) => sendJson('PUT', '/api/settings', SettingsSchema, body);

/**
 * The session says whether public read is on, and the threshold decides which figures are small numbers,
 * so both are read again.
 */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onSuccess: (settings) => {
      client.setQueryData(settingsKey, settings);
      return Promise.all([client.invalidateQueries({ queryKey: sessionKey }), invalidateFigures(client)]);
    },
  });
}
