// Annual wheels of the demo. The seed names them ("Godkendelse af udvalgets årshjul 2026" with cases
// that are "lovbestemte" or decided by the former committee; "Årshjul for opfølgningerne på mål og
// økonomi i MSB") but not their entries: the entries here are ours.
import type { WheelKind } from '../annual-wheel/schemas.ts';

export interface DemoWheel {
  org: 'committee' | 'alderman';
  title: string;
  approved: string;
  entries: {
    title: string;
    month?: number;
    afterDate?: string;
    kind: WheelKind;
    reason: string;
    unit: 'FAS' | 'MØB' | 'OL';
    minutes: number;
    method: string;
  }[];
}

export const demoWheels: DemoWheel[] = [
  {
    org: 'committee',
    title: 'Udvalgets årshjul 2026',
    approved: '2026-02-04T21:35',
    entries: [
      {
        title: 'Status på Én indgang',
        month: 3,
        kind: 'committee_decision',
        reason: 'Besluttet af det tidligere udvalg.',
        unit: 'FAS',
        minutes: 20,
        method: 'Orientering og drøftelse',
      },
      {
        title: 'Kvalitetsrapport for beskæftigelsesindsatsen',
        month: 6,
        kind: 'statutory',
        reason: 'Lovbestemt.',
        unit: 'FAS',
        minutes: 20,
        method: 'Godkendelse',
      },
      {
        title: 'Beskæftigelsesplan 2027',
        afterDate: '08-01',
        kind: 'statutory',
        reason: 'Lovbestemt: behandles på første møde efter sommerferien.',
        unit: 'FAS',
        minutes: 30,
        method: 'Drøftelse',
      },
      {
        title: 'Budgetopfølgning pr. 31. oktober',
        month: 12,
        kind: 'goals_economy',
        reason: 'Fast opfølgning på mål og økonomi.',
        unit: 'MØB',
        minutes: 15,
        method: 'Orientering',
      },
    ],
  },
  {
    org: 'alderman',
    title: 'Årshjul for opfølgningerne på mål og økonomi i MSB',
    approved: '2026-01-20T09:05',
    entries: [
      {
        title: 'Regnskab 2025',
        month: 3,
        kind: 'goals_economy',
        reason: 'Fast opfølgning på mål og økonomi.',
        unit: 'MØB',
        minutes: 20,
        method: 'Godkendelse',
      },
      {
        title: 'Budgetopfølgning pr. 30. april',
        month: 5,
        kind: 'goals_economy',
        reason: 'Fast opfølgning på mål og økonomi.',
        unit: 'MØB',
        minutes: 15,
        method: 'Orientering',
      },
      {
        title: 'Budgetforslag 2027',
        month: 8,
        kind: 'goals_economy',
        reason: 'Fast opfølgning på mål og økonomi.',
        unit: 'MØB',
        minutes: 30,
        method: 'Drøftelse',
      },
      {
        title: 'Budgetopfølgning pr. 31. oktober',
        month: 12,
        kind: 'goals_economy',
        reason: 'Fast opfølgning på mål og økonomi.',
        unit: 'MØB',
        minutes: 15,
        method: 'Orientering',
      },
    ],
  },
];
