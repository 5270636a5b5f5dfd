import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(() => t.close());

test('the body lists its political organizations, council first, and its units last', async () => {
  const [body] = (await t.request({ method: 'GET', url: '/api/bodies' })).json;
  assert.equal(body.name, 'Aarhus Kommune');
  assert.deepEqual(
    body.organizations.map((o: { kind: string; shortName: string | null; name: string }) => `${o.kind}:${o.shortName ?? o.name}`),
    ['council:Aarhus Byråd', 'executive:Magistraten', 'committee:SBU', 'alderman:RMM', 'unit:FAS', 'unit:MØB', 'unit:OL'],
  );
});

test('an organization filter that names nothing lists no meetings', async () => {
  const r = await t.request({ method: 'GET', url: '/api/meetings?organizationId=nothing' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.meetings, []);
});
