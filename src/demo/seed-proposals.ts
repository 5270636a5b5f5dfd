// The seed's proposal (Punkt 3 of the rådmand's meeting on 27 January 2026), as structured text.
// Transcribed from the package; the hyphenation of the PDF's line breaks is undone.
import type { ProposalContent } from '../proposals/model.ts';
import { arrangeSections, DEFAULT_TEMPLATE, parseBlocks } from '../proposals/model.ts';

export interface DemoProposal {
  content: ProposalContent;
  unit: 'FAS';
  proposalDate: string;
  plannedMinutes: number;
  caseOfficer: { name: string; phone: string; email: string };
}

const sections: Record<string, string> = {
  introduction:
    'For at klæde organisationen bedst muligt på til at navigere i forandringerne på beskæftigelsesområdet, er der behov for én samlet, strategisk retning for beskæftigelsesindsatsen i Aarhus, som skal godkendes af rådmanden. Med denne indstilling, præsenteres rådmanden for forvaltningens bud på en vision for Job Aarhus, som samler og viderebringer de seneste års strategiske arbejde på beskæftigelsesområdet. Visionen vil være det strategiske udgangspunkt for samtlige processer på beskæftigelsesområdet i de kommende år og er til rådmandens godkendelse.',
  caseDescription: [
    'Beskæftigelsesområdet i Aarhus er under stor forandring i de kommende år. For at gøre det muligt at arbejde aktivt med vores omdømme og kultur, er det nødvendigt at sætte en tydelig retning for beskæftigelsesområdet i Aarhus, som alle forstår og kan tilslutte sig. De nærmere detaljerer for både visionen, visionspejlemærkerne og de strategiske indsatsområder er beskrevet i bilag 1.',
    '',
    'Visionen for Job Aarhus er et koncentrat af et stort foregående arbejde. Den samler intentionerne i beskæftigelsesstrategien, de politiske pejlemærker fra sommeren 2025 og det tidligere udvalgs anbefalinger til fremtidens beskæftigelsesindsats samt signaler fra den nytiltrådte rådmand. Desuden er den tæt koblet til MSB’s vision ’Fælles Formål’ (som medarbejdere kender og kan omsætte) og beskriver, hvorfor vi er her og hvad vi står på:',
    '',
    '”Vi fremmer lediges og virksomheders handlekraft – ved at flest muligt bliver en del af et arbejdsfællesskab.”',
    '',
    'Derfor arbejder vi ud fra pejlemærkerne (uddybet i bilag 1):',
    '- Aarhus har plads til og brug for alle',
    '- Virkeligheden virker',
    '- Kunden i centrum',
    '',
    'Under Visionspejlemærkerne er der udpeget en række strategiske indsatsområder, hvor der sættes særligt ind. De strategiske indsatsområder er:',
    '',
    '- Tillid til faglighed',
    '- Hverdag i praksis',
    '- Digitale løsninger',
    '- Socialt ansvar',
    '- Unge i fokus',
    '- Én indgang',
    '',
    'Rådmanden skal med denne indstilling godkende visionen og de strategiske pejlemærker for Job Aarhus. Eventuelle bemærkninger fra rådmanden vil blive indarbejdet.',
  ].join('\n'),
  resources: '-',
  risks:
    'Visionen er det strategiske udgangspunkt for samtlige processer på beskæftigelsesområdet og udgangspunktet for kommunikationen internt og eksternt i de kommende år.',
  furtherProcess: [
    'Forvaltningen er i gang med at formulere konkrete indsatser/handlinger under de strategiske indsatsområder. Hvis behandlingen på rådmandsmødet giver anledning til justeringer, vil det arbejde blive tilpasset.',
    '',
    'Social- og Beskæftigelsesudvalget præsenteres for vision og de strategiske indsatsområder på udvalgsmødet den 25. februar 2026.',
  ].join('\n'),
  coordinatedWith: 'Organisation og Ledelse',
  attachments: 'Bilag 1: Vision for Job Aarhus – slideshow',
};

export const jobAarhusProposal: DemoProposal = {
  content: {
    title: 'Godkendelse af vision og strategiske indsatsområder for Job Aarhus',
    addressee: 'Rådmanden',
    atPoints: ['rådmanden godkender visionen, visionspejlemærkerne og de strategiske indsatsområder for Job Aarhus.'],
    sections: arrangeSections(
      DEFAULT_TEMPLATE,
      Object.entries(sections).map(([key, text]) => ({ key, blocks: parseBlocks(text) })),
    ),
  },
  unit: 'FAS',
  proposalDate: '2026-01-22',
  plannedMinutes: 15,
  caseOfficer: { name: 'Daniel Færgemand Laursen', phone: '41 85 91 46', email: 'lfda@aarhus.dk' },
};
