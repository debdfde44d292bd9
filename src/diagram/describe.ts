/** The environment picture in one sentence, for screen readers (a PNG's alt text, the SVG's title). */
import { ENGLISH, type Texts } from '../i18n/texts';
import type { DiagramModel } from './model';

export function describeModel(m: DiagramModel, t: Texts = ENGLISH): string {
  const d = t.diagram.describe;
  const web = m.azs.flatMap((az) =>
    az.web
      .filter((w) => w.tone !== 'absent')
      .map((w) =>
        d.web({ role: w.role, state: t.diagram.state(w.state), health: w.health ?? '', az: az.name }),
      ),
  );
  const primary = m.azs.find((az) => az.db === 'primary')?.name;
  const standby = m.azs.find((az) => az.db === 'standby')?.name;
  const db =
    m.db.tone === 'absent'
      ? d.noDb()
      : d.db({ state: t.diagram.state(m.db.state), primary: primary ?? '?', standby: standby ?? '' });
  return d.join([
    d.env({
      env: m.env,
      status: t.common.envStatus(m.status),
      region: m.region,
      az1: m.azs[0].name,
      az2: m.azs[1].name,
    }),
    web.length ? d.list(web) : d.noWeb(),
    d.lb({ state: m.alb.tone === 'absent' ? t.diagram.notCreated() : t.diagram.state(m.alb.state) }),
    db,
  ]);
}
