// Loads one proposal (its latest version, or an earlier one) and keeps it after each change.
import { useCallback, useEffect, useState } from 'react';
import type { ProposalView } from '../../../src/proposals/schemas.ts';
import { ApiError } from '../api.ts';
import { proposalsApi } from './api.ts';

export function useProposal(id: string, version?: number) {
  const [proposal, setProposal] = useState<ProposalView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      setProposal(await proposalsApi.get(id, version));
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    }
  }, [id, version]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { proposal, setProposal, loadError, reload };
}
