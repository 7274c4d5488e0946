// The npm client connectwise-rest, installed unchanged from the npm registry (package.json, package-lock.json), against the
// ConnectWise simulator over HTTPS. .ci/run starts the simulator with --https and passes:
//   CWSIM_CONNECTION  the simulator's connection file (server, companyId, clientId, keys, operator token)
//   NODE_EXTRA_CA_CERTS  the certificate the simulator wrote, so node trusts it (TLS checks stay on)
// Run by hand the same way:
//   dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --https --connection-file /tmp/cwsim/sim.json
//   CWSIM_CONNECTION=/tmp/cwsim/sim.json NODE_EXTRA_CA_CERTS=/tmp/cwsim/simulator-cert.pem node --test tests/ThirdParty/connectwise-rest
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const { ManageAPI, utils } = require('connectwise-rest');

const connection = JSON.parse(fs.readFileSync(process.env.CWSIM_CONNECTION, 'utf8'));
const server = new URL(connection.server);
assert.equal(server.protocol, 'https:', 'the simulator must serve HTTPS for this client (it only speaks https)');

/** GET over HTTPS with node's own trust store (NODE_EXTRA_CA_CERTS), answered as JSON. */
function getJson(url, headers = {}) {
  return new Promise((resolve, reject) => {
    https.get(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        try { resolve({ status: res.statusCode, body: JSON.parse(text) }); } catch (e) { reject(e); }
      });
    }).on('error', reject);
  });
}

let cwm;
let codebase;

/** The client as a user builds it after asking companyinfo for the codebase. */
function client(publicKey = connection.publicKey, privateKey = connection.privateKey) {
  return new ManageAPI({
    companyId: connection.companyId,
    companyUrl: server.host,
    entryPoint: codebase,
    publicKey,
    privateKey,
    clientId: connection.clientId,
    apiVersion: '2021.1',
    logger: () => {},
  });
}

test('connects through companyinfo and reads /system/info', async () => {
  const info = await getJson(new URL(`/login/companyinfo/${connection.companyId}`, server));
  assert.equal(info.status, 200);
  assert.equal(info.body.CompanyID, connection.companyId);
  assert.match(info.body.Codebase, /^v\d{4}_\d+\/$/);
  codebase = info.body.Codebase.replace(/\/$/, '');
  cwm = client();
  const system = await cwm.SystemAPI.getSystemInfo();
  assert.match(system.version, /^v\d{4}\.\d+/);
  assert.equal(typeof system.isCloud, 'boolean');
});

test('lists companies with conditions, and pages through all of them', async () => {
  // a field inside a list (types/name) goes in childConditions, as on a real server
  const customers = await cwm.CompanyAPI.getCompanyCompanies({ conditions: 'deletedFlag = false', childConditions: 'types/name = "Customer"', orderBy: 'name asc' });
  assert.ok(customers.length >= 1, 'at least one customer');
  assert.ok(customers.every((c) => c.types.some((t) => t.name === 'Customer')));
  const names = customers.map((c) => c.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  const { count } = await cwm.CompanyAPI.getCompanyCompaniesCount({});
  assert.ok(count >= 3, 'enough companies to page');
  const all = await cwm.paginate(cwm.CompanyAPI.getCompanyCompanies, { pageSize: 2 }, {});
  assert.equal(all.length, count);
  assert.equal(new Set(all.map((c) => c.id)).size, count, 'no company twice');
  const secondPage = await cwm.CompanyAPI.getCompanyCompanies({ page: 2, pageSize: 2 });
  assert.deepEqual(secondPage.map((c) => c.id), all.slice(2, 4).map((c) => c.id));
});

test('reads security roles and a role\'s settings', async () => {
  const roles = await cwm.SystemAPI.getSystemSecurityroles({ pageSize: 100 });
  const admin = roles.find((r) => r.name === connection.adminRoleName);
  assert.ok(admin, 'the admin role is listed');
  const settings = await cwm.paginate(cwm.SystemAPI.getSystemSecurityRolesByParentIdSettings, { pageSize: 100 }, admin.id, {});
  const { count } = await cwm.SystemAPI.getSystemSecurityRolesByParentIdSettingsCount(admin.id, {});
  assert.equal(settings.length, count);
  assert.ok(settings.length > 25, 'every function of the catalogue');
  for (const row of settings) {
    for (const level of ['addLevel', 'editLevel', 'deleteLevel', 'inquireLevel']) assert.ok(['None', 'My', 'All'].includes(row[level]), `${level}=${row[level]}`);
  }
  const one = await cwm.SystemAPI.getSystemSecurityRolesByParentIdSettingsById(settings[0].id, admin.id);
  assert.equal(one.moduleFunctionDescription, settings[0].moduleFunctionDescription);
});

test('reads members, API members and the caller\'s own member record', async () => {
  const members = await cwm.SystemAPI.getSystemMembers({});
  assert.ok(members.length > 0);
  assert.ok(members.every((m) => typeof m.identifier === 'string' && m.invoicingDisplayOptions));
  const apiMembers = await cwm.SystemAPI.getSystemApiMembers({ conditions: `identifier = "${connection.adminMemberIdentifier}"` });
  assert.equal(apiMembers.length, 1);
  assert.equal(apiMembers[0].securityRole.name, connection.adminRoleName);
  const me = await cwm.SystemAPI.getSystemMyMembers({});
  assert.equal(me.identifier, connection.adminMemberIdentifier);
});

test('searches tickets, reads a ticket\'s audit trail and a standard report', async () => {
  const open = await cwm.ServiceAPI.postServiceTicketsSearch({ conditions: 'closedFlag = false' });
  assert.ok(open.length > 0);
  const trail = await cwm.SystemAPI.getSystemAudittrail({ type: 'Ticket', id: open[0].id });
  assert.ok(trail.every((e) => e.auditType === 'Ticket'));
  const codes = utils.reportInterpolate(await cwm.SystemAPI.getSystemReportsByReportName('ChargeCode', {}));
  assert.ok(codes.length > 0 && codes.every((row) => typeof row.Description === 'string'));
});

test('an error comes back as ConnectWise\'s status and body', async () => {
  await assert.rejects(cwm.CompanyAPI.getCompanyCompaniesById(999999), (e) => {
    assert.equal(e.status, 404);
    assert.equal(e.data.code, 'NotFound');
    return true;
  });
  await assert.rejects(client(connection.publicKey, 'WrongPrivateKey1').SystemAPI.getSystemInfo(), (e) => {
    assert.equal(e.status, 401);
    assert.equal(e.data.code, 'ConnectWiseApi');
    return true;
  });
});
