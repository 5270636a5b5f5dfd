import type { MeetingState } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export function StateBadge({ state }: { state: MeetingState }) {
  const { t } = useI18n();
  return <span className={`badge badge--state badge--${state}`}>{t(`state.${state}`)}</span>;
}
