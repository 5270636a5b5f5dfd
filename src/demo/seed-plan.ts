// The committee's revised meeting plan for 2026 (seed: "Godkendelse af revideret mødeplan"):
// Mondays 16.30 – 18.00, the meeting of the week of 2 February moved to Wednesday 4 February
// 20.00 – 21.30 because of the byrådsseminar. The weekly rhythm and the holidays are ours.
import type { PlanException, PlanRule } from '../planning/schemas.ts';

export const committeePlanTitle = 'Mødeplan 2026 for Social- og Beskæftigelsesudvalget (revideret)';

export const committeePlanRule: PlanRule = {
  weekday: 1,
  intervalWeeks: 1,
  startTime: '16:30',
  endTime: '18:00',
  from: '2026-02-01',
  until: '2026-12-31',
  location: 'Rådhuset, lokale 398',
  meetingTitle: 'Social- og Beskæftigelsesudvalgsmøde',
};

export const committeePlanExceptions: PlanException[] = [
  { kind: 'moved', date: '2026-02-02', toDate: '2026-02-04', startTime: '20:00', endTime: '21:30', note: 'Byrådsseminar mandag den 2. februar' },
  { kind: 'holiday', date: '2026-04-06', note: '2. påskedag' },
  { kind: 'holiday', date: '2026-05-25', note: '2. pinsedag' },
  { kind: 'holiday', date: '2026-07-01', until: '2026-08-09', note: 'Sommerferie' },
  { kind: 'holiday', date: '2026-10-12', note: 'Efterårsferie' },
  { kind: 'holiday', date: '2026-12-28', note: 'Juleferie' },
];
