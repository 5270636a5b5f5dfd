// English UI texts of the meeting package.
export const packagesEn = {
  'package.heading': 'Agenda and meeting package',
  'package.agendaPdf': 'Agenda (PDF)',
  'package.agendaDocx': 'Agenda (Word)',
  'package.hint': 'Cover, agenda, proposals and attachments in one PDF. Every attachment page is stamped "Item N, Attachment M".',
  'package.member': 'members’ edition',
  'package.public': 'public edition',
  'package.build': 'Build the meeting package ({edition})',
  'package.progress': 'Building the meeting package: {done} of {total} parts',
  'package.open': 'Open the meeting package ({edition}, PDF)',
  'package.zip': 'Download as a ZIP of separate files',
  'package.failed': 'The meeting package could not be built: {reason}',
};
