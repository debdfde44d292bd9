/**
 * The outlines the bot and the Slack Lambda use are the workflows the worker runs: same kinds,
 * same steps in the same order, with the same titles and needs.
 */
import { createWorkflow } from '../../../src/workflows/create/workflow';
import { destroyWorkflow } from '../../../src/workflows/destroy/workflow';
import { failoverWorkflow } from '../../../src/workflows/failover/workflow';
import { WORKFLOW_OUTLINES } from '../../../src/workflows/outlines';

const metadata = (steps: readonly { id: string; needs: readonly string[] }[]) =>
  steps.map(({ id, needs }) => ({ id, needs: [...needs] }));

describe('WORKFLOW_OUTLINES', () => {
  it.each([createWorkflow, destroyWorkflow, failoverWorkflow])('matches the $kind workflow', (workflow) => {
    const outline = WORKFLOW_OUTLINES[workflow.kind];
    expect(outline.kind).toBe(workflow.kind);
    expect(metadata(outline.steps)).toEqual(metadata(workflow.steps));
    expect(outline.steps.length).toBeGreaterThan(2);
  });
});
