// The 20,000-row Control Hub CSV (R-CSV-04's maximum) and its 5,000-user org
// snapshot, generated exactly as the core's example `csv_check_20k` builds
// them. Shared by bench/csv20k.mjs and the CSV tool's browser test.

export const ROWS = 20_000;

/**
 * The CSV text: `rows` users cycling through calling, suite and meetings.
 * With `bad`, every `bad`-th row (from the second) has an invalid extension
 * and every `bad`-th from the third an invalid e-mail, so filters by code
 * and column have rows to find (the bench's file has none).
 */
export function makeCsv(rows = ROWS, { bad = 0 } = {}) {
  const lines = ['User ID/Email (Required),First Name,Last Name,Display Name,Phone Number,Extension,Location,'
    + 'Preferred Webex Site,Jabber Calling,Jabber with Webex Teams,Basic Messaging,Basic Space Meetings,'
    + 'Call on Webex,Webex Calling [Sub1],Webex Suite [Sub1],Webex Meetings [acme.webex.com],Webex Voice [Sub1],Department'];
  for (let i = 0; i < rows; i++) {
    const [calling, suite, meetings] = [['TRUE', '', ''], ['', 'TRUE', ''], ['', '', 'TRUE']][i % 3];
    const email = bad && i % bad === 2 ? `user${i}.acme.example` : `user${i}@acme.example`;
    const extension = bad && i % bad === 1 ? `x${i}` : String(10_000 + i);
    lines.push(`${email},First${i},Last${i},First${i} Last${i},+1408${String(i).padStart(7, '0')},`
      + `${extension},${i % 2 === 0 ? 'HQ' : 'Branch'},acme.webex.com,FALSE,FALSE,TRUE,TRUE,TRUE,${calling},${suite},${meetings},,Sales`);
  }
  return `${lines.join('\n')}\n`;
}

/** The org snapshot JSON: every fourth user of the CSV already exists. */
export function makeOrg(rows = ROWS) {
  const users = [];
  for (let i = 0; i < rows; i += 4) {
    users.push({ email: `user${i}@acme.example`, package: 'webex_calling', phone_number: `+1408${String(i).padStart(7, '0')}`,
      extension: String(10_000 + i), location: 'HQ', licenses: ['basic_messaging'] });
  }
  return JSON.stringify({ package: 'webex_calling', admin_email: 'user0@acme.example', locations: ['HQ', 'Branch'],
    subscribed_packages: ['webex_calling', 'webex_suite', 'webex_meetings', 'webex_voice'], users });
}
