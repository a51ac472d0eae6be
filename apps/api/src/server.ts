// Listens and closes gracefully; everything else is built in app.ts.
import { buildApp } from "./app.ts";
import path from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { seedDemoDataIfEmpty } from "./seed/demo-data.ts";

async function main() {
  const config = loadConfig();
  const app = await buildApp({ config });
  if (config.shouldSeedDemoData) {
    await seedDemoDataIfEmpty(app.db.prisma, {
      pki: app.pki,
      pkiMasterKey: config.pkiMasterKey,
      publicUrl: config.publicUrl,
      log: (line) => app.log.info(line),
      print: true,
      demoFilesDir: path.join(config.dataDir, "demo"),
    });
  }

  let isClosing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (isClosing) return;
      isClosing = true;
      app.log.info({ signal }, "closing");
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, "close failed");
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("The server could not start:", error);
  }
  process.exit(1);
});
