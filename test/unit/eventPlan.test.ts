import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyPlan, isEmptyPlan, planEvent } from '../../src/core/eventPlan';
import { capturedEvents } from '../helpers/fixtures';

describe('planEvent', () => {
  it('turns captured connect/disconnect/kill events into container re-reads only', () => {
    const plan = emptyPlan();
    for (const e of capturedEvents()) planEvent(plan, e);
    assert.ok(plan.containers.has('9387b7976bc1a9cd76891ada1a248e61d64f77abf313957b38d80acf5a84a085'));
    assert.equal(plan.networks.size, 0, 'connect does not change the network object');
  });
  it('ignores exec and health events', () => {
    const plan = emptyPlan();
    assert.equal(planEvent(plan, { Type: 'container', Action: 'exec_start: sh -c true', Actor: { ID: 'c1' } }), false);
    assert.equal(planEvent(plan, { Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1' } }), false);
    assert.ok(isEmptyPlan(plan));
  });
  it('drops a destroyed container without re-reading it, even after a start in the same batch', () => {
    const plan = emptyPlan();
    planEvent(plan, { Type: 'container', Action: 'start', Actor: { ID: 'c1' } });
    planEvent(plan, { Type: 'container', Action: 'destroy', Actor: { ID: 'c1' } });
    assert.deepEqual([...plan.containers], []);
    assert.deepEqual([...plan.removedContainers], ['c1']);
  });
  it('re-reads a created network and drops a destroyed one', () => {
    const plan = emptyPlan();
    planEvent(plan, { Type: 'network', Action: 'create', Actor: { ID: 'n1' } });
    planEvent(plan, { Type: 'network', Action: 'destroy', Actor: { ID: 'n2' } });
    assert.deepEqual([...plan.networks], ['n1']);
    assert.deepEqual([...plan.removedNetworks], ['n2']);
  });
});
