// The subscription API for visitors (no login): ask, confirm, unsubscribe; the Atom feeds' addresses.
import { api } from '../api.ts';

export type SubscriptionTopic = { kind: 'organization'; organizationId: string } | { kind: 'search'; query: string } | { kind: 'case'; caseNumber: string };

export const subscriptionsApi = {
  request: (email: string, topic: SubscriptionTopic) => api<{ status: string }>('POST', '/api/subscriptions', { email, ...topic }),
  confirm: (token: string) => api<{ label: string }>('POST', '/api/subscriptions/confirm', { token }),
  unsubscribe: (token: string) => api<{ removed: boolean }>('POST', '/api/subscriptions/unsubscribe', { token }),
};

/** The Atom feed of the same topic (src/publication/subscriptions/feeds.ts). */
export function feedUrl(topic: SubscriptionTopic): string {
  if (topic.kind === 'organization') return `/api/feeds/organizations/${encodeURIComponent(topic.organizationId)}.atom`;
  if (topic.kind === 'case') return `/api/feeds/cases/${encodeURIComponent(topic.caseNumber)}.atom`;
  return `/api/feeds/search.atom?q=${encodeURIComponent(topic.query)}`;
}
