// English texts for subscriptions (e-mail and Atom feeds) for the public.
import type { subscriptionsDa } from './subscriptions.da.ts';

export const subscriptionsEn: Record<keyof typeof subscriptionsDa, string> = {
  'subscriptions.subscribe': 'Subscribe',
  'subscriptions.feed': 'Atom feed',
  'subscriptions.feedTitle': 'Agendas and minutes: {what}',
  'subscriptions.formLabel': 'Subscribe by e-mail: {what}',
  'subscriptions.intro': 'Get an e-mail when an agenda or minutes about {what} are published.',
  'subscriptions.email': 'Your e-mail address',
  'subscriptions.submit': 'Send confirmation',
  'subscriptions.checkMail':
    'Check your e-mail ({email}): click the link in it to confirm the subscription. If you do not confirm within 7 days, nothing more happens.',
  'subscriptions.search': 'the search “{q}”',
  'subscriptions.case': 'the case {caseNumber}',
  'subscriptions.confirmTitle': 'Confirm subscription',
  'subscriptions.confirmed': 'Your subscription is confirmed.',
  'subscriptions.confirmedWhat': 'You will get an e-mail when an agenda or minutes about {what} are published. Every e-mail has a link to unsubscribe.',
  'subscriptions.unsubscribeTitle': 'Unsubscribe',
  'subscriptions.unsubscribeIntro': 'No longer want e-mails about this subscription?',
  'subscriptions.unsubscribe': 'Unsubscribe',
  'subscriptions.unsubscribed': 'You are unsubscribed. You will get no more e-mails about this subscription.',
  'subscriptions.alreadyGone': 'This subscription was already ended.',
};
