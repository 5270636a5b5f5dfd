// English UI texts of the live meeting, typed against the Danish keys.
import type { liveDa } from './live.da.ts';

export const liveEn: Record<keyof typeof liveDa, string> = {
  'live.heading': 'Live meeting',
  'live.start': 'Start the meeting',
  'live.next': 'Next item',
  'live.previous': 'Previous item',
  'live.end': 'End the meeting',
  'live.shortcuts': 'Shortcuts: Alt+Page Down for the next item, Alt+Page Up for the previous one.',
  'live.notStarted': 'The meeting has not started.',
  'live.ended': 'The meeting ended at {time}.',
  'live.active': 'Now: item {number}. {title}',
  'live.noActive': 'No item is active.',
  'live.clock': '{elapsed} of {planned} min',
  'live.onTime': 'On time',
  'live.behind': '{minutes} min behind',
  'live.ahead': '{minutes} min ahead',
  'live.openItems': 'These items were not taken up. What should happen to them?',
  'live.move': 'Move them to the next meeting',
  'live.notHandled': 'Mark them as not handled',
  'live.connection': 'Updated live',
  'live.offline': 'Connection lost – trying again …',
  'live.activeBadge': 'In progress',
  'live.moved': 'Moved to the next meeting',
  'live.notHandledBadge': 'Not handled',
  'minutes.pdf': 'Minutes (PDF)',
};
