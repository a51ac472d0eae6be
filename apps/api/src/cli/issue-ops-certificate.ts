// `pnpm ops:certificate <ops user e-mail> <file.p12>`: issues an ops user a certificate as a PKCS#12 file, protected by
// the password in OPS_CERTIFICATE_PASSWORD. Ops always sign in with a certificate, so their first one cannot come
// from an approval; they import this file on the Certificates page once, then sign in with it. On the embedded
// database, stop the server first; on PostgreSQL it runs beside it.
import { existsSync, writeFileSync } from "node:fs";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrate.ts";
import { issueCertificateFile } from "../lib/pki/ops-certificate.ts";
import { loadOrCreatePlatformCas } from "../lib/pki/platform-ca.ts";

const [email, outFile] = process.argv.slice(2);
const password = process.env.OPS_CERTIFICATE_PASSWORD ?? "";
if (!email || !outFile) {
  console.error("Usage: OPS_CERTIFICATE_PASSWORD=… pnpm ops:certificate <ops user e-mail> <file.p12>");
  process.exit(2);
}
if (password.length < 12) {
  console.error("Set OPS_CERTIFICATE_PASSWORD to at least 12 characters: it protects the private key in the file.");
  process.exit(2);
}
if (existsSync(outFile)) {
  console.error(`${outFile} exists already; choose another file name.`);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase(config);
try {
  await applyMigrations(database.adapterFactory, config.migrationsDir);
  const user = await database.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, organization: { select: { kind: true } } } });
  if (!user || user.organization.kind !== "OPERATOR") {
    console.error(`No ops user has the e-mail ${email}.`);
    process.exitCode = 1;
  } else {
    const cas = await loadOrCreatePlatformCas(database.prisma, config.pkiMasterKey);
    const { certificateId, pkcs12 } = await database.prisma.$transaction((tx) =>
      issueCertificateFile(tx, cas, { userId: user.id, now: new Date(), password, crlUrl: `${config.publicUrl}/api/pki/crl` }),
    );
    writeFileSync(outFile, pkcs12, { mode: 0o600 });
    console.log(`Wrote ${outFile} (certificate ${certificateId}). Hand it to the user with its password by separate channels.`);
  }
} finally {
  await database.close();
}
