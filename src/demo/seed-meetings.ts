// The meetings of the seed (shared/seed/000_d74ed7981a945378.txt), transcribed faithfully.
// Where the seed is silent (the rådmand meetings' clock times and the durations of items it does
// not time, and Punkt 4 of 27 January, which the package leaves out), the values are ours and
// marked "not in the seed".
import { jobAarhusProposal, type DemoProposal } from './seed-proposals.ts';
import type { ItemKind, MeetingState, OutcomeCode } from '../meetings/schemas.ts';

export interface DemoFollowUp {
  unit: 'FAS' | 'MØB' | 'OL';
  text: string;
  /** A date, or days from the day the demo is loaded. */
  due: string | number;
  status: 'open' | 'in_progress' | 'done';
  focusArea?: string;
  /** A progress note (ours, not the seed's). */
  note?: string;
}

export interface DemoItem {
  title: string;
  minutes: number;
  kind?: ItemKind;
  subheading?: string;
  purpose?: string;
  method?: string;
  responsible?: string;
  attachments?: string[];
  decision?: string;
  /** "Øvrige bemærkninger", one remark each. */
  remarks?: string[];
  /** The outcome per at-point ("at 1) …"). */
  outcomes?: { point: number; outcome: OutcomeCode }[];
  closed?: { publicTitle: string; legalBasis: string; publicDecision?: string };
  followUps?: DemoFollowUp[];
  /** A "Godkendelse af referat" item: the earlier meeting whose minutes it approves. */
  approves?: DemoMeeting;
  /** The proposal (indstilling) the item was put on the agenda from. */
  proposal?: DemoProposal;
}

export interface DemoMeeting {
  org: 'committee' | 'alderman';
  title: string;
  /** Wall-clock time in Copenhagen. */
  start: string;
  end: string;
  location?: string;
  state: MeetingState;
  items: DemoItem[];
}

const ANNA = 'Anna Thusgård';

export const committee4February: DemoMeeting = {
  org: 'committee',
  title: 'Social- og Beskæftigelsesudvalgsmøde',
  start: '2026-02-04T20:00',
  end: '2026-02-04T21:30',
  location: 'Rådhuset, lokale 398',
  state: 'held',
  items: [
    {
      title: 'Godkendelse af dagsorden',
      kind: 'agenda_approval',
      minutes: 3,
      purpose: 'Dagsordenen for mødet i Social- og Beskæftigelsesudvalget godkendes.',
      responsible: ANNA,
      attachments: ['Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4. februar 2026'],
    },
    {
      title: 'Referat fra udvalgets møde den 21. januar 2026',
      kind: 'minutes_approval',
      minutes: 1,
      purpose: 'Udvalget orienteres om referatet fra det seneste møde i Social- og Beskæftigelsesudvalget.',
      responsible: ANNA,
      attachments: ['Referat fra mødet den 21. januar 2026'],
    },
    {
      title: 'Godkendelse af revideret mødeplan',
      minutes: 1,
      purpose:
        'Udvalget kunne på sit møde den 21. januar 2026 ikke godkende den fremlagte mødeplan. Der var i udvalget således ønske om, at møderne i Social- og Beskæftigelsesudvalget afvikles på mandage kl. 16.30 – 18.00.',
      method: 'Udvalget skal godkende den reviderede mødeplan.',
      responsible: ANNA,
      attachments: ['Indstilling'],
    },
    {
      title: 'Evt. byrådshenvist sag: Tilsynsudtalelse til Ankestyrelsen',
      minutes: 20,
      purpose: 'Byrådet kan på sit møde den 28. januar 2026 henvise sagen til behandling i Social- og Beskæftigelsesudvalget.',
      method: 'Mundtlig drøftelse, hvorefter der skal konkluderes på sagen.',
      responsible: ANNA,
      attachments: ['Indstilling'],
    },
    {
      title: 'Introduktion til beskæftigelsesreformen',
      minutes: 30,
      purpose: [
        'Punktet er det første af en række temadrøftelser om beskæftigelsesreformen, som udvalget skal have hen over foråret 2026. Udvalget bliver på mødet introduceret til:',
        '',
        '• Reformens intentioner og hvilke faglige ændringer der er lagt op til',
        '• Hvornår de forskellige elementer i reformen træder i kraft',
        '• Økonomien',
        '',
        'Herudover bliver udvalget præsenteret for den plan, der er lagt for temadrøftelserne i udvalget, så udvalget kan komme med ønsker hertil.',
      ].join('\n'),
      method: 'Mundtlig orientering og drøftelse',
      responsible: 'Jeanette Hoppe',
      attachments: ['Forklæde'],
    },
    {
      title: 'Drøftelse af udvalgsarbejdet',
      minutes: 25,
      purpose: [
        'I forbindelse med punktet skal udvalget drøfte udvalgsarbejdet, herunder samarbejdet i udvalget, studietur mm.',
        '',
        'Punktet indledes med en video produceret af forvaltningen, hvor to tidligere udvalgsmedlemmer kommer med deres perspektiv på udvalgsarbejdet. Herefter gives ordet frit til at drøfte de tematikker, som udvalget finder væsentlige.',
        '',
        'I vedlagte bilag er der foreslået en række temaer, som udvalget f.eks. kunne drøfte, herunder studietur, hvor der på baggrund af et ønske i Gruppeformandskredsen er udarbejdet et oplæg fra Borgmesterens Afdeling. Drøftelserne vil fortsætte på det kommende møder, hvis det vurderes nødvendigt.',
      ].join('\n'),
      method: 'Mundtlig drøftelse',
      responsible: ANNA,
      attachments: ['Forklæde', 'Emner til drøftelse af udvalgsarbejdet', 'Fælles oplæg til udvalgsdrøftelser om studieture'],
    },
    {
      title: 'Udkast til program for introduktionsseminar',
      minutes: 10,
      purpose:
        'På baggrund af bl.a. input på udvalgsmødet den 21. januar 2026 har forvaltningen udarbejdet vedlagte overordnede udkast til et program, som udvalget har mulighed for at komme med bemærkninger og ønsker til.',
      method: 'Mundtlig drøftelse',
      responsible: 'Lotte Henriksen',
      attachments: ['Forklæde'],
    },
    {
      title: 'Godkendelse af udvalgets årshjul 2026',
      minutes: 5,
      purpose:
        'Til punktet er vedlagt udvalgets årshjul, der indeholder de sager, som på nuværende tidspunkt er kendt af forvaltningen. Emnerne kan være lovbestemte, mens øvrige er bestemt af tidligere udvalg. Det fremgår udfor de enkelte elementer, hvorfor de forelægges udvalget.',
      method: 'Mundtlig drøftelse',
      responsible: 'Lotte Henriksen',
      attachments: ['Forklæde'],
    },
    {
      title: 'Orienteringspunkter',
      kind: 'information',
      subheading: 'A) Evt. orientering',
      minutes: 5,
      purpose: 'Evt. orientering.',
      method: 'Mundtlig orientering',
      responsible: 'Jeanette Hoppe / Lotte Henriksen / Erik Kaastrup-Hansen',
    },
    {
      title: 'Skriftlige orienteringer',
      kind: 'information',
      subheading: 'A) Orienteringer til udvalget siden seneste møde',
      minutes: 0,
      purpose:
        'Vedlagt dette punkt er orienteringer, som er fremsendt per mail til udvalget siden seneste møde. Såfremt der er spørgsmål til den skriftlige redegørelse, kan disse stilles under dette punkt. I det tilfælde, at der ikke er spørgsmål, gennemgås den skriftlige orientering ikke.',
    },
    {
      title: 'Kurser og konferencer samt sager på vej til byrådet',
      kind: 'information',
      minutes: 2,
      purpose: [
        'På hvert udvalgsmøde forelægges udvalget en liste med kommende kurser, konferencer og aktiviteter, der er mulighed for at deltage i.',
        '',
        'Ligeledes præsenteres udvalget for de sager, som er på vej til behandling i byrådet fra Sociale Forhold og Beskæftigelse.',
      ].join('\n'),
      method: 'Orientering',
      responsible: ANNA,
      attachments: ['Kurser og konferencer', 'Sager på vej til byrådet'],
    },
    {
      title: 'Kommende møder',
      minutes: 3,
      purpose: [
        'Under dette punkt har udvalgsmedlemmerne mulighed for at komme med ønsker til dagsordenpunkter til de næstkommende udvalgsmøder.',
        '',
        'Eventuelle ønsker tages med i den videre planlægning, hvor der bl.a. også skal tages højde for eventuelle byrådshenviste sager.',
      ].join('\n'),
      method: 'Orientering',
      responsible: ANNA,
      attachments: ['Oversigt over foreslåede temaer til kommende udvalgsmøder'],
    },
    {
      title: 'Evt.',
      kind: 'any_other',
      minutes: 5,
      method: 'Mundtlig drøftelse.',
      responsible: ANNA,
      attachments: ['Årshjul over sager til Social- og Beskæftigelsesudvalget'],
    },
  ],
};

const ALDERMAN_TITLE = 'Rådmandsmøde';

export const alderman20January: DemoMeeting = {
  org: 'alderman',
  title: ALDERMAN_TITLE,
  // Clock times not in the seed.
  start: '2026-01-20T08:30',
  end: '2026-01-20T09:45',
  state: 'minutes_approved',
  items: [
    { title: 'Dagsorden', kind: 'agenda_approval', minutes: 2, decision: 'Godkendt' },
    { title: 'Referat', kind: 'minutes_approval', minutes: 2, decision: 'Godkendt.' },
    {
      title: 'Én indgang og styrket virksomhedssamarbejde',
      minutes: 20,
      decision: '1) Rådmandskredsen drøftede sagen, med bemærkningerne nedenfor',
      outcomes: [{ point: 1, outcome: 'discussed' }],
      remarks: [
        'Rådmanden nævnte, at man med fordel kunne tage "Ring mig op"-løsning (Knap på hjemmesider, hvor virksomhed ringer kunde op i stedet for, at man skal vente i telefon kø) som inspiration til Én indgang.',
        'Rådmanden anbefalede Odense Kommunes inspirationsoplæg fra KØF. FAS følger op ift. at skaffe oplægget.',
        'Godt med opsøgende kontakt til virksomheder for at oplyse om, hvad vi kan hjælpe dem med. Til stede i professionelle netværk, så vi er let tilgængelige.',
        'Informationen er vigtigt for en SMV. Derfor er markedsføring vigtigt. Vi skal vedvarende arbejde på at blive dygtigere på at være tydelige for de små virksomheder, og hvad de kan bruge os til.',
      ],
      followUps: [
        {
          unit: 'FAS',
          text: 'FAS følger op ift. at skaffe Odense Kommunes inspirationsoplæg fra KØF.',
          due: '2026-02-03',
          status: 'done',
          focusArea: 'Én indgang',
          note: 'Oplægget er modtaget og sendt til rådmanden.',
        },
      ],
    },
    {
      title: 'Årshjul for opfølgningerne på mål og økonomi i MSB',
      minutes: 10,
      decision: '1) Rådmanden tager orientering om årshjulet for opfølgning på mål og økonomi til efterretning.',
      outcomes: [{ point: 1, outcome: 'noted' }],
      remarks: ['Der vil også undervejs skulle genbesøges beslutningen om ansættelsesstop på UJU og BFF.'],
    },
    {
      title: 'Orientering fra Magistraten',
      kind: 'information',
      minutes: 10,
      decision: [
        'Kort magistratsmøde.',
        '',
        'Generelt fokus på AI.',
        '',
        'Orienteret om implementering af grøn medarbejdertransport.',
        'Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde. MØB følger op.',
      ].join('\n'),
      followUps: [{ unit: 'MØB', text: 'Rådmanden får en status på arbejdet i MSB på et kommende rådmandsmøde.', due: 4, status: 'in_progress' }],
    },
    {
      title: 'Orientering fra Udvalget',
      kind: 'information',
      minutes: 10,
      decision: 'Rådmanden ønsker en tæt inddragelse af udvalget, og holde dem tæt orienteret på sager, som er på vej på byrådet og andet.',
    },
    {
      title: 'Bordet rundt',
      kind: 'round_table',
      minutes: 15,
      decision: [
        'MC: Møde med Borgmesteren om kommende omstillingsplan. Orientering til magistraten tirsdag. Herefter møder med partier (skal inviteres) MC kontakter i første omgang. Derefter temadrøftelse og slutligt høringsfase. Vi skal være opmærksom på intern orientering - OL laver en plan ift. hvornår hvem bliver orienteret i processen. Både intern og eksterne samarbejdspartnere.',
        '',
        'JLH: Vi justere processen til ift. udvalgets involvering vedr beskæftigelsesreformen, og laver en god og grundig indføring fra start.',
        '',
        'LH: Deltagelse i høring i Folketinget ift. Relationel velfærd',
      ].join('\n'),
      followUps: [
        {
          unit: 'OL',
          text: 'OL laver en plan ift. hvornår hvem bliver orienteret i processen om omstillingsplanen – både interne og eksterne samarbejdspartnere.',
          due: '2026-02-10',
          status: 'open',
        },
      ],
    },
  ],
};

export const alderman27January: DemoMeeting = {
  org: 'alderman',
  title: ALDERMAN_TITLE,
  // Clock times not in the seed.
  start: '2026-01-27T08:30',
  end: '2026-01-27T09:45',
  state: 'held',
  items: [
    { title: 'Dagsorden', kind: 'agenda_approval', minutes: 2 },
    { title: 'Referat', kind: 'minutes_approval', minutes: 2, attachments: ['200126_Referat.pdf'], approves: alderman20January },
    {
      title: 'Vision for Job Aarhus',
      minutes: 15,
      // The seed's Bilag 1 is the proposal itself (see seed-proposals.ts); its slides follow.
      proposal: jobAarhusProposal,
      attachments: ['Bilag 1: Vision for Job Aarhus - slideshow.pdf'],
      outcomes: [{ point: 1, outcome: 'approved_with_changes' }],
      decision: [
        'at 1) rådmanden kvitterede for godt materiale og godkendte visionen, visionspejlemærkerne og de strategiske indsatsområder for Job Aarhus med følgende justeringer:',
        '',
        '• Mere fokus på 1 plan',
        '• Fokus på frisættelse som strategisk indsatsområde, evt. i forbindelse med tillid',
        '',
        'FAS justerer materialet og sender til rådmandens godkendelse i GO, inden det præsenteres for rådmanden.',
      ].join('\n'),
      followUps: [
        {
          unit: 'FAS',
          text: 'FAS justerer materialet (mere fokus på 1 plan; frisættelse som strategisk indsatsområde) og sender til rådmandens godkendelse i GO.',
          due: '2026-02-06',
          status: 'done',
          note: 'Justeret materiale sendt til godkendelse i GO.',
        },
      ],
    },
    {
      // Not in the seed: the package leaves Punkt 4 out; the demo fills the gap with a closed item.
      title: 'Personalesag: Ansættelse af ny chef i Job Aarhus',
      minutes: 10,
      purpose: 'Rådmanden orienteres om ansættelsesforløbet og den indstillede kandidat.',
      method: 'Orientering',
      responsible: 'Organisation og Ledelse',
      attachments: ['Indstilling om ansættelse'],
      decision: 'Rådmanden tog orienteringen til efterretning.',
      closed: {
        publicTitle: 'Personalesag',
        legalBasis: 'Offentlighedslovens § 21 og § 30, nr. 1 (oplysninger om private forhold)',
        publicDecision: 'Rådmanden blev orienteret om en personalesag.',
      },
    },
    {
      title: 'Orientering fra Magistraten',
      kind: 'information',
      minutes: 10,
      decision: [
        'Rådmanden orienterede om:',
        '',
        '• Årshjulet for magistraten',
        '• Udtalelse til ankestyrelsen, hvor der skulle laves enkelte justeringer. Rådmanden bestilte derudover et overblik over, hvor mange der er på visitationsliste og hvor længe de er det. FAS følger op.',
        '• Omstillingsplan i MSB og de kommende politiske drøftelser',
        '• Servicerammen',
      ].join('\n'),
      followUps: [
        {
          unit: 'FAS',
          text: 'Overblik over, hvor mange der er på visitationsliste, og hvor længe de er det (bestilt af rådmanden).',
          due: 2,
          status: 'open',
        },
      ],
    },
    {
      title: 'Orientering fra Udvalget',
      kind: 'information',
      minutes: 10,
      purpose:
        'Grundet byrådsseminar den 2. februar 2026 er det ikke muligt at afholde udvalgsmøde på det besluttede tidspunkt (mandage kl. 16.30 – 18.00). Derfor har formanden for udvalget foreslået at fastholde det ene oprindelige tidspunkt til mødet i denne uge, sådan at det afholdes onsdag den 4. februar 2026 kl. 20.00 – 21.30. Pt. er der ikke kommet en tilbagemelding fra alle udvalgsmedlemmer på dette forslag.',
      // The seed's Punkt 6, Bilag 1 is this agenda (as .docx); the demo renders it (files.ts).
      attachments: ['Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 4. februar 2026'],
      decision:
        'Rådmanden orienterede om, at møderne fremadrettet bliver mandage fra 16.30 - 18.00, men at der er udfordringer med nogle af rådmandens møder i de forberedende sundhedsråd. Rådmanden afklarer selv med Regionen.',
    },
    { title: 'Bordet rundt', kind: 'round_table', minutes: 15, decision: 'Intet til referat.' },
  ],
};

/** Referenced by the seed (its minutes are Punkt 2 of 4 February); its agenda is ours. */
export const committee21January: DemoMeeting = {
  org: 'committee',
  title: 'Social- og Beskæftigelsesudvalgsmøde',
  start: '2026-01-21T16:30',
  end: '2026-01-21T18:00',
  location: 'Rådhuset, lokale 398',
  state: 'minutes_approved',
  items: [
    { title: 'Godkendelse af dagsorden', kind: 'agenda_approval', minutes: 3, responsible: ANNA, decision: 'Godkendt.' },
    {
      title: 'Godkendelse af mødeplan 2026',
      minutes: 15,
      responsible: ANNA,
      method: 'Udvalget skal godkende mødeplanen.',
      attachments: ['Indstilling', 'Mødeplan 2026'],
      decision: 'Udvalget kunne ikke godkende den fremlagte mødeplan. Udvalget ønsker, at møderne afvikles på mandage kl. 16.30 – 18.00.',
    },
    { title: 'Kommende møder', minutes: 5, method: 'Orientering', responsible: ANNA },
    { title: 'Evt.', kind: 'any_other', minutes: 5, method: 'Mundtlig drøftelse.', responsible: ANNA },
  ],
};
