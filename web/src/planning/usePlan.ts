// Loads one meeting plan and keeps the latest copy the server returned.
import { useCallback, useEffect, useState } from 'react';
import type { PlanView } from '../../../src/planning/schemas.ts';
import { ApiError } from '../api.ts';
import { planningApi } from './api.ts';

export function usePlan(id: string) {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    setLoadError(null);
    try {
      setPlan(await planningApi.get(id));
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { plan, setPlan, loadError, reload };
}
