// Starts test/support/smtp-sink.mjs on a free loopback port and reads what it received (parsed with mailparser).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface SmtpSink {
  port: number;
  /** Starts (or restarts) the server process. */
  start(): Promise<void>;
  /** SIGKILL: the process dies mid-whatever, as in a crash. */
  kill(): Promise<void>;
  messages(): Promise<ParsedMail[]>;
  dispose(): Promise<void>;
}

export async function createSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-smtp-"));
  let child: ChildProcess | undefined;
  const script = path.join(import.meta.dirname, "smtp-sink.mjs");

  const sink: SmtpSink = {
    port,
    start() {
      return new Promise((resolve, reject) => {
        const started = spawn(process.execPath, [script, String(port), dir], { stdio: ["ignore", "pipe", "inherit"] });
        child = started;
        started.once("error", reject);
        started.once("exit", (code) => reject(new Error(`the SMTP sink exited with ${code} before listening`)));
        started.stdout?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("listening")) resolve();
        });
      });
    },
    async kill() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.removeAllListeners("exit");
        running.once("exit", () => resolve());
        running.kill("SIGKILL");
      });
    },
    async messages() {
      const files = readdirSync(dir).sort();
      return Promise.all(files.map((file) => simpleParser(readFileSync(path.join(dir, file)))));
    },
    async dispose() {
      await sink.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sink;
}
