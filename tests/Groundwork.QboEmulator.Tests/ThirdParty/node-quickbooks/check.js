// Drives the unmodified npm "node-quickbooks" client against the Groundwork QBO emulator. Only base URLs change.
// Usage: QBO_BASE=http://127.0.0.1:5099 QBO_ACCESS=... QBO_REFRESH=... QBO_REALM=... node check.js
'use strict';
const QuickBooks = require('node-quickbooks');

const base = process.env.QBO_BASE || 'http://127.0.0.1:5099';
QuickBooks.V3_ENDPOINT_BASE_URL = base + '/v3/company/';
QuickBooks.TOKEN_URL = base + '/oauth2/v1/tokens/bearer';
QuickBooks.REVOKE_URL = base + '/v2/oauth2/tokens/revoke';

const qbo = new QuickBooks('groundwork-dev', 'groundwork-dev-secret', process.env.QBO_ACCESS, false,
  process.env.QBO_REALM, true, false, 75, '2.0', process.env.QBO_REFRESH);
const call = (name, ...args) => new Promise((resolve) =>
  qbo[name](...args, (err, body) => resolve({ err, body })));
const results = [];
const check = (what, ok, detail) => { results.push({ what, ok: !!ok, detail }); };
const faultCode = (err) => err && err.Fault && err.Fault.Error && err.Fault.Error[0].code;

(async () => {
  const stamp = Date.now();
  let r = await call('createCustomer', { DisplayName: `Node Client ${stamp}` });
  check('createCustomer', r.body && r.body.Id, r.err && JSON.stringify(r.err));
  const customer = r.body;

  r = await call('createCustomer', { DisplayName: `Node Client ${stamp}` });
  const dup = r.err && r.err.response;
  check('duplicate name → HTTP 400 with Fault 6240', dup && dup.status === 400 && faultCode(dup.data) === '6240', dup && JSON.stringify(dup.data));

  r = await call('updateCustomer', { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'via node-quickbooks' });
  check('updateCustomer (sparse) bumps SyncToken', r.body && r.body.SyncToken === '1', r.err && JSON.stringify(r.err));

  r = await call('findCustomers', [{ field: 'DisplayName', value: `Node Client ${stamp}`, operator: '=' }]);
  check('findCustomers (query)', r.body && r.body.QueryResponse.Customer && r.body.QueryResponse.Customer.length === 1, JSON.stringify(r.err || r.body));

  r = await call('findCustomers', [{ field: 'fetchAll', value: true }, { field: 'Active', value: [true, false], operator: 'IN' }]);
  check('findCustomers fetchAll incl. inactive', r.body && r.body.QueryResponse.Customer.some(c => c.Active === false), JSON.stringify(r.err));

  r = await call('createInvoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 250, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 125 } }] });
  check('createInvoice computes TotalAmt', r.body && r.body.TotalAmt === 250, r.err && JSON.stringify(r.err));
  const invoice = r.body;

  r = await call('createPayment', { CustomerRef: { value: customer.Id }, TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
  check('createPayment', r.body && r.body.Id, r.err && JSON.stringify(r.err));
  check('createPayment without DepositToAccountRef → Undeposited Funds', r.body && r.body.DepositToAccountRef && r.body.DepositToAccountRef.name === 'Undeposited Funds', JSON.stringify(r.err || r.body));

  r = await call('getInvoice', invoice.Id);
  check('getInvoice shows Balance 150 and Payment link', r.body && r.body.Balance === 150 && r.body.LinkedTxn[0].TxnType === 'Payment', JSON.stringify(r.err || r.body));

  r = await call('voidInvoice', { Id: invoice.Id, SyncToken: r.body.SyncToken });
  // module.void hands back the whole answer ({Invoice, time}), unlike the other calls.
  check('voidInvoice zeroes the total', r.body && r.body.Invoice && r.body.Invoice.TotalAmt === 0, JSON.stringify(r.err || r.body));

  r = await call('getPreferences');
  check('getPreferences', r.body && r.body.AccountingInfoPrefs, r.err && JSON.stringify(r.err));

  r = await call('changeDataCapture', ['Customer', 'Invoice'], new Date(Date.now() - 3600 * 1000).toISOString());
  check('changeDataCapture', r.body && r.body.CDCResponse, r.err && JSON.stringify(r.err));

  r = await call('batch', [{ bId: '1', operation: 'create', Vendor: { DisplayName: `Node Vendor ${stamp}` } }, { bId: '2', Query: 'select * from Term' }]);
  check('batch', r.body && r.body.BatchItemResponse && r.body.BatchItemResponse.length === 2, r.err && JSON.stringify(r.err));

  r = await call('batch', [{ bId: '3', Query: 'select Id, DisplayName from Customer maxresults 2' }]);
  const listed = r.body && r.body.BatchItemResponse && r.body.BatchItemResponse[0].QueryResponse;
  check('query with a property list returns full entities', listed && listed.Customer && listed.Customer[0].SyncToken, JSON.stringify(r.err || r.body));

  const vendors = await call('findVendors', [{ field: 'DisplayName', value: 'Hicks Hardware', operator: '=' }]);
  const accounts = await call('findAccounts', [{ field: 'Name', value: 'Equipment Rental', operator: '=' }]);
  r = await call('createBill', { VendorRef: { value: vendors.body.QueryResponse.Vendor[0].Id }, Line: [{ Amount: 75, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: accounts.body.QueryResponse.Account[0].Id } } }] });
  check('createBill without APAccountRef → Accounts Payable', r.body && r.body.APAccountRef && r.body.APAccountRef.name === 'Accounts Payable (A/P)', JSON.stringify(r.err || r.body));

  r = await call('refreshAccessToken');
  check('refreshAccessToken rotates the refresh token', r.body && r.body.refresh_token && r.body.refresh_token !== process.env.QBO_REFRESH, r.err && String(r.err));

  r = await call('getCustomer', customer.Id);
  check('call with the refreshed access token', r.body && r.body.Id === customer.Id, r.err && JSON.stringify(r.err));

  r = await call('revokeAccess', true);
  check('revokeAccess', !r.err, r.err && String(r.err));

  for (const x of results) console.log(`${x.ok ? 'ok  ' : 'FAIL'} ${x.what}${x.ok ? '' : ' — ' + x.detail}`);
  const failed = results.filter(x => !x.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
