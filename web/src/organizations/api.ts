// The organization endpoints of the JSON API, typed by the shared contract.
import type { BodyView } from '../../../src/organizations/schemas.ts';
import { api } from '../api.ts';

export const organizationsApi = {
  bodies: () => api<BodyView[]>('GET', '/api/bodies'),
};
