// Loads one meeting and applies changes to it, reloading when someone else changed the agenda.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { meetingsApi } from './api.ts';
import { converting, useConversionWatch } from '../attachments/useConversionWatch.ts';

export interface MeetingState {
  meeting: MeetingDetail | null;
  loadError: ApiError | null;
  /** The last failed action's message, shown above the agenda. */
  notice: string;
  reload: () => Promise<void>;
  /**
   * Runs a change and shows its result. With `rethrow` the caller (a form) shows the error itself;
   * otherwise it becomes the notice.
   */
  run: (op: () => Promise<MeetingDetail>, options?: { success?: (m: MeetingDetail) => string; rethrow?: boolean }) => Promise<MeetingDetail | null>;
}

export function useMeeting(id: string): MeetingState {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');

  // Reads overlap (a reconnect re-reads while the first read is under way): only the latest lands,
  // and a change's own answer outdates any read begun before it.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const n = ++latest.current;
    try {
      const next = await meetingsApi.get(id);
      if (n !== latest.current) return;
      setMeeting(next);
      setLoadError(null);
    } catch (err) {
      if (n === latest.current) setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useConversionWatch(meeting, !!meeting && meeting.items.some((i) => converting(i.attachments)), reload);

  const run = useCallback<MeetingState['run']>(
    async (op, options = {}) => {
      try {
        const next = await op();
        latest.current++;
        setMeeting(next);
        setNotice('');
        if (options.success) announce(options.success(next));
        return next;
      } catch (err) {
        const message = errorMessage(err, t);
        if (err instanceof ApiError && err.status === 409) {
          // Someone else changed the agenda: show theirs, then let the user try again. A caller that
          // handles the answer itself (rethrow: a question to ask, a form) says what happened.
          if (!options.rethrow) {
            setNotice(message);
            announce(message);
          }
          await reload();
        } else if (!options.rethrow) {
          setNotice(message);
          announce(message);
        }
        if (options.rethrow) throw err;
        return null;
      }
    },
    [announce, reload, t],
  );

  return { meeting, loadError, notice, reload, run };
}
