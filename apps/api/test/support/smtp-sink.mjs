// A real SMTP server (the smtp-server package) in a process of its own, so tests can kill it mid-run: it listens on
// 127.0.0.1:<port> and writes each message it accepts, raw, into <dir>. Prints "listening" once ready.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const [port, dir] = process.argv.slice(2);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      writeFileSync(path.join(dir, `${Date.now()}-${randomUUID()}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});
server.listen(Number(port), "127.0.0.1", () => console.log("listening"));
