import { useApi } from '@backstage/frontend-plugin-api';
import { DeploymentAction } from '@internal/plugin-deployments-common';
import { useEffect, useState } from 'react';
import { deploymentsApiRef } from '../api';

/** How often a dispatched run is asked after, while it has not completed. */
export const POLL_MS = 3000;

/** Whether there is nothing more to learn about a request. */
export function settled(action: DeploymentAction): boolean {
  return action.result !== 'dispatched' || action.run?.status === 'completed';
}

/**
 * A request as it is now: asked again every {@link POLL_MS} until its run completes. A poll
 * that fails keeps the last known state; the next one asks again.
 */
export function useFollowedAction(
  initial: DeploymentAction | undefined,
  onSettled?: () => void,
): DeploymentAction | undefined {
  const api = useApi(deploymentsApiRef);
  const [action, setAction] = useState(initial);
  useEffect(() => setAction(initial), [initial]);
  useEffect(() => {
    if (!action || settled(action)) return undefined;
    const timer = setTimeout(async () => {
      try {
        const next = await api.getAction(action.id);
        setAction(next);
        if (settled(next)) onSettled?.();
      } catch {
        setAction({ ...action });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, action, onSettled]);
  return action;
}
