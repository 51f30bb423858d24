// The "Get Started" walkthrough in a workbench whose profile was set up before the extension started: the step that
// adds a profile shows as done without being run (the welcome view's side is in lookup.test.ts).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSampleWorkbench } from './sampleWorkbench';
import { openWalkthrough, stepDone, waitForStepDone } from './walkthrough';

describe('the Get Started walkthrough with a profile already set up', { timeout: 300_000 }, () => {
  // The profile is in the settings before the extension starts; its credentials are not set yet.
  const sample = useSampleWorkbench({ withCredentials: false });

  it('shows "Add a connection profile" as done without running it, and "Set its credentials" as still to do', async () => {
    const { page } = sample.workbench;
    await openWalkthrough(page);
    await waitForStepDone(page, 'addProfile');
    assert.equal(await stepDone(page, 'setCredentials'), false);
    assert.equal(await stepDone(page, 'lookup'), false);
  });
});
