// How a proposal's dates read, as printed on the seed's proposal (pure, no React).
import { DateTime } from 'luxon';
import { ZONE } from '../i18n/format.ts';

/**
 * The section that holds the at-points ("Det indstilles, 1. at …"); its text follows them. The
 * server names it so (src/proposals/model.ts RECOMMENDATION) in every template.
 */
export const RECOMMENDATION_KEY = 'recommendation';

const dayOf = (value: string) => (value.length === 10 ? DateTime.fromISO(value, { zone: ZONE }) : DateTime.fromISO(value, { setZone: true }).setZone(ZONE));

/** "27.01.26", as in "Indstilling til Rådmanden, 27.01.26 - 15 minutter". */
export const shortDate = (value: string) => dayOf(value).toFormat('dd.MM.yy');

/** "22.01.2026", the proposal's date above the case officer. */
export const numericDate = (value: string) => dayOf(value).toFormat('dd.MM.yyyy');
