// The notifier every step uses to tell people, and the worker that delivers the mail outbox while the server runs.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createMailWorker, type MailWorker } from "../lib/mail/mail-worker.ts";
import { createNotifier, type Notifier } from "../lib/mail/notifier.ts";

declare module "fastify" {
  interface FastifyInstance {
    notifier: Notifier;
    mailWorker: MailWorker;
  }
}

async function mailPlugin(app: FastifyInstance) {
  app.decorate("notifier", createNotifier({ publicUrl: app.config.publicUrl }));
  const worker = createMailWorker({ prisma: app.db.prisma, config: app.config, now: app.now, log: app.log });
  app.decorate("mailWorker", worker);
  app.addHook("onReady", async () => worker.start());
  // Before the database closes (its onClose hook was added earlier, so it runs later).
  app.addHook("onClose", async () => worker.stop());
}

export default fp(mailPlugin, { name: "mail", dependencies: ["database", "pki"] });
