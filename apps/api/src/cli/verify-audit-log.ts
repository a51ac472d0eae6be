// `pnpm audit:verify`: walks every audit chain and reports the first broken link of each; exit status 1 if any.
// On the embedded database, stop the server first (one process at a time opens a PGlite directory); on PostgreSQL it
// runs beside the server. The same check is the button on /admin/audit.
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { verifyAuditChains } from "../lib/audit-chain.ts";

const config = loadConfig();
const database = await openDatabase(config);
try {
  const report = await verifyAuditChains(database.prisma);
  console.log(`Checked ${report.events} audit events in ${report.chains} chains.`);
  if (report.brokenLinks.length === 0) {
    console.log("Every chain holds: no event has been edited, removed or inserted since it was written.");
  } else {
    for (const link of report.brokenLinks) {
      const event = link.eventId ? `event ${link.eventId}` : "no event";
      console.log(`BROKEN chain ${link.chain} at #${link.chainSeq} (${event}): ${link.reason}`);
    }
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
