/** `/site failover` without its code: the drill's three steps, in order. */
import type { WorkflowOutline } from '../engine/types';

export const PREFLIGHT_STEP = 'preflight';
export const WEB_STEP = 'web-drill';
export const DB_STEP = 'db-drill';

export const FAILOVER_OUTLINE: WorkflowOutline = {
  kind: 'failover',
  steps: [
    { id: PREFLIGHT_STEP, title: 'Check the environment can be drilled', needs: [] },
    { id: WEB_STEP, title: 'Web drill: stop one web server, probe, start it again', needs: [PREFLIGHT_STEP] },
    { id: DB_STEP, title: 'DB drill: reboot with failover, probe until the site answers', needs: [WEB_STEP] },
  ],
};
