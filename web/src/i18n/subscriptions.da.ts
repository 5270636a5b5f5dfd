// Danske tekster til abonnementer (e-mail og Atom-feeds) for offentligheden.
export const subscriptionsDa = {
  'subscriptions.subscribe': 'Abonnér',
  'subscriptions.feed': 'Atom-feed',
  'subscriptions.feedTitle': 'Dagsordener og referater: {what}',
  'subscriptions.formLabel': 'Abonnér på e-mail: {what}',
  'subscriptions.intro': 'Få en e-mail, når der offentliggøres en dagsorden eller et referat om {what}.',
  'subscriptions.email': 'Din e-postadresse',
  'subscriptions.submit': 'Send bekræftelse',
  'subscriptions.checkMail':
    'Tjek din e-mail ({email}): klik på linket i den for at bekræfte abonnementet. Bekræfter du ikke inden 7 dage, sker der ikke mere.',
  'subscriptions.search': 'søgningen «{q}»',
  'subscriptions.case': 'sagen {caseNumber}',
  'subscriptions.confirmTitle': 'Bekræft abonnement',
  'subscriptions.confirmed': 'Dit abonnement er bekræftet.',
  'subscriptions.confirmedWhat': 'Du får en e-mail, når der offentliggøres en dagsorden eller et referat om {what}. Hver e-mail har et link til at afmelde.',
  'subscriptions.unsubscribeTitle': 'Afmeld abonnement',
  'subscriptions.unsubscribeIntro': 'Vil du ikke længere have e-mails om dette abonnement?',
  'subscriptions.unsubscribe': 'Afmeld',
  'subscriptions.unsubscribed': 'Du er afmeldt. Du får ikke flere e-mails om dette abonnement.',
  'subscriptions.alreadyGone': 'Abonnementet er allerede afmeldt.',
} as const;
