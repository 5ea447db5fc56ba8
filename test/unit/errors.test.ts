import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyEngineError, compareApiVersions } from '../../src/docker/errors';

describe('classifyEngineError', () => {
  const ep = 'unix:///var/run/docker.sock';
  it('says the engine is not running for ENOENT and ECONNREFUSED', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED']) {
      const e = classifyEngineError(Object.assign(new Error('connect'), { code }), ep);
      assert.equal(e.code, 'ENGINE_DOWN');
      assert.match(e.oneLine, /not running.*Start it/);
    }
  });
  it('says how to fix a permission error', () => {
    const e = classifyEngineError(Object.assign(new Error('connect EACCES'), { code: 'EACCES' }), ep);
    assert.equal(e.code, 'PERMISSION_DENIED');
    assert.match(e.hint, /docker group/);
  });
  it("keeps Docker's own message for API errors", () => {
    const e = classifyEngineError({ statusCode: 409, json: { message: 'network x has active endpoints' } }, ep);
    assert.equal(e.code, 'CONFLICT');
    assert.equal(e.message, 'network x has active endpoints');
  });
});

describe('compareApiVersions', () => {
  it('compares numerically', () => {
    assert.ok(compareApiVersions('1.41', '1.9') > 0);
    assert.ok(compareApiVersions('1.40', '1.41') < 0);
    assert.equal(compareApiVersions('1.41', '1.41'), 0);
  });
});
