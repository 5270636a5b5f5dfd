// Danish UI texts of the meeting package.
export const packagesDa = {
  'package.heading': 'Dagsorden og mødepakke',
  'package.agendaPdf': 'Dagsorden (PDF)',
  'package.agendaDocx': 'Dagsorden (Word)',
  'package.hint': 'Forside, dagsorden, indstillinger og bilag i én PDF. Hvert bilags sider er stemplet "Punkt N, Bilag M".',
  'package.member': 'udgave til medlemmer',
  'package.public': 'offentlig udgave',
  'package.build': 'Dan mødepakke ({edition})',
  'package.progress': 'Mødepakken dannes: {done} af {total} dele',
  'package.open': 'Åbn mødepakken ({edition}, PDF)',
  'package.zip': 'Hent som ZIP med separate filer',
  'package.failed': 'Mødepakken kunne ikke dannes: {reason}',
};
