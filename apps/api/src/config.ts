// The environment, read and validated once at boot. Nothing else reads process.env.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Type, type Static } from "typebox";
import { Value } from "typebox/value";

const EnvSchema = Type.Object({
  NODE_ENV: Type.Enum(["development", "production", "test"], { default: "development" }),
  HOST: Type.String({ minLength: 1, default: "127.0.0.1" }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** Everything the server keeps locally: the embedded database, generated development secrets, uploads.
   *  Unset: .data in the checkout, whichever folder the server, the seed or the Prisma CLI runs from. */
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** postgres://… for a PostgreSQL server; unset for the embedded database under DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: "^postgres(ql)?://" })),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** 32 random bytes, base64: encrypts the platform CAs' private keys at rest (AES-256-GCM). */
  PKI_MASTER_KEY: Type.Optional(Type.String({ minLength: 44, maxLength: 44, pattern: "^[A-Za-z0-9+/]{43}=$" })),
  /** How long each published CRL stays current (its nextUpdate); it is also regenerated on every revocation. */
  CRL_VALIDITY_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 24 }),
  LOG_LEVEL: Type.Enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { default: "info" }),
  /** Seed the demo organisations and users into an empty database (never in production). */
  SEED_DEMO_DATA: Type.Optional(Type.Enum(["true", "false"])),
  /** Where the built SPA is; unset finds apps/web/dist of this checkout. */
  WEB_DIST_DIR: Type.Optional(Type.String({ minLength: 1 })),
  TRUST_PROXY: Type.Enum(["true", "false"], { default: "false" }),
  /** The address people reach the app at, for links in invitations and e-mails; unset: http://HOST:PORT. */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: "^https?://[^\\s]+$" })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 300, maximum: 2_592_000, default: 43_200 }),
  /** Consecutive wrong passwords before an account is locked, and for how long. */
  SIGN_IN_LOCKOUT_THRESHOLD: Type.Integer({ minimum: 3, maximum: 100, default: 10 }),
  SIGN_IN_LOCKOUT_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  /** Sign-in attempts per client address per minute, across accounts. */
  SIGN_IN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
  /** Registration applications per client address per hour. */
  REGISTRATION_RATE_LIMIT_PER_HOUR: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
  /** Public PDF signature verifications per client address per minute (each one is CPU-heavy). */
  PDF_VERIFICATION_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
  /** The guarantee lookup: wrong number/key pairs per guarantee number, and per client address across numbers, within
   *  one window before the number (or the address) is locked out of the lookup for LOOKUP_LOCK_MINUTES. */
  LOOKUP_MAX_FAILURES_PER_NUMBER: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  LOOKUP_MAX_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
  LOOKUP_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  LOOKUP_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  /** During a full maintenance window: the API path prefixes that stay open (comma-separated). Sign-in, the notices
   *  and the maintenance status always do, and ops sessions may use everything. */
  /** Outgoing mail. Unset SMTP_HOST: mail is kept in the local mailbox (/admin/mail) instead of sent. */
  SMTP_HOST: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: Type.Enum(["true", "false"], { default: "false" }),
  SMTP_USER: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_PASSWORD: Type.Optional(Type.String({ minLength: 1 })),
  MAIL_FROM: Type.String({ minLength: 3, default: "PWP <no-reply@localhost>" }),
  /** Delivery attempts per mail before it is marked failed (ops can send it again), with exponential backoff. */
  MAIL_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** How often the mail worker looks for due mail; 0 turns the worker off (tests drive it themselves). */
  MAIL_WORKER_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 2000 }),
  MAINTENANCE_EXEMPT_ROUTES: Type.String({ pattern: "^(/api/[^,\\s]*)(,/api/[^,\\s]*)*$", default: "/api/health,/api/verify/guarantee,/api/pki" }),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  environment: Env["NODE_ENV"];
  isProduction: boolean;
  host: string;
  port: number;
  dataDir: string;
  /** postgres URL, or undefined for the embedded database in `${dataDir}/pglite`. */
  databaseUrl: string | undefined;
  migrationsDir: string;
  webDistDir: string | undefined;
  jwtSecret: string;
  /** 32 bytes: the AES-256-GCM key under which the CA private keys are stored. */
  pkiMasterKey: Uint8Array;
  crlValidityHours: number;
  logLevel: Env["LOG_LEVEL"];
  shouldSeedDemoData: boolean;
  trustProxy: boolean;
  /** No trailing slash, e.g. https://pwp.example.org */
  publicUrl: string;
  cookieSecure: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  signInLockoutThreshold: number;
  signInLockoutMinutes: number;
  signInRateLimitPerMinute: number;
  registrationRateLimitPerHour: number;
  pdfVerificationRateLimitPerMinute: number;
  lookupMaxFailuresPerNumber: number;
  lookupMaxFailuresPerAddress: number;
  lookupWindowMinutes: number;
  lookupLockMinutes: number;
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined } | undefined;
  mailFrom: string;
  mailMaxAttempts: number;
  mailWorkerIntervalMs: number;
  /** API path prefixes open during a full maintenance window (besides sign-in, notices and ops sessions). */
  maintenanceExemptRoutes: string[];
}

export class ConfigError extends Error {}

/** The checkout's root: the nearest folder above this file that holds prisma/migrations. */
function findRepoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, "prisma", "migrations"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError("Cannot find prisma/migrations above " + import.meta.dirname);
    dir = parent;
  }
  return dir;
}

function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Only our variables, with empty strings treated as unset, converted to their declared types.
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const candidate = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const problems = [...Value.Errors(EnvSchema, candidate)].map((error) => {
    const variable = error.instancePath.replace(/^\//, "") || String((error.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? "");
    return `${variable}: ${error.message}`;
  });
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  return candidate as Env;
}

/** Development secrets are generated once and kept in the data directory so sessions survive restarts. */
function readOrCreateDevelopmentSecret(dataDir: string, name: string, generate = () => randomBytes(48).toString("base64url")): string {
  const file = path.join(dataDir, "secrets.json");
  mkdirSync(dataDir, { recursive: true });
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  if (!secrets[name]) {
    secrets[name] = generate();
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets[name];
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const isProduction = env.NODE_ENV === "production";
  const repoRoot = findRepoRoot();
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(repoRoot, ".data");
  if (isProduction && !env.JWT_SECRET) {
    throw new ConfigError("JWT_SECRET is required in production: set it to a random string of at least 32 characters.");
  }
  if (isProduction && !env.PKI_MASTER_KEY) {
    throw new ConfigError(
      "PKI_MASTER_KEY is required in production: set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`). It encrypts the platform CA keys; keep it backed up, without it they cannot be opened.",
    );
  }
  const pkiMasterKey = Buffer.from(
    env.PKI_MASTER_KEY ?? readOrCreateDevelopmentSecret(dataDir, "pkiMasterKey", () => randomBytes(32).toString("base64")),
    "base64",
  );
  if (pkiMasterKey.length !== 32) throw new ConfigError("PKI_MASTER_KEY must be 32 bytes in base64 (44 characters).");
  const defaultWebDist = path.join(repoRoot, "apps/web/dist");
  return {
    environment: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    migrationsDir: path.join(repoRoot, "prisma/migrations"),
    webDistDir: env.WEB_DIST_DIR ? path.resolve(env.WEB_DIST_DIR) : existsSync(defaultWebDist) ? defaultWebDist : undefined,
    jwtSecret: env.JWT_SECRET ?? readOrCreateDevelopmentSecret(dataDir, "jwtSecret"),
    pkiMasterKey: new Uint8Array(pkiMasterKey),
    crlValidityHours: env.CRL_VALIDITY_HOURS,
    logLevel: env.LOG_LEVEL,
    shouldSeedDemoData: !isProduction && env.SEED_DEMO_DATA !== "false",
    trustProxy: env.TRUST_PROXY === "true",
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`).replace(/\/+$/, ""),
    cookieSecure: isProduction,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    signInLockoutThreshold: env.SIGN_IN_LOCKOUT_THRESHOLD,
    signInLockoutMinutes: env.SIGN_IN_LOCKOUT_MINUTES,
    signInRateLimitPerMinute: env.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    registrationRateLimitPerHour: env.REGISTRATION_RATE_LIMIT_PER_HOUR,
    pdfVerificationRateLimitPerMinute: env.PDF_VERIFICATION_RATE_LIMIT_PER_MINUTE,
    lookupMaxFailuresPerNumber: env.LOOKUP_MAX_FAILURES_PER_NUMBER,
    lookupMaxFailuresPerAddress: env.LOOKUP_MAX_FAILURES_PER_ADDRESS,
    lookupWindowMinutes: env.LOOKUP_WINDOW_MINUTES,
    lookupLockMinutes: env.LOOKUP_LOCK_MINUTES,
    maintenanceExemptRoutes: env.MAINTENANCE_EXEMPT_ROUTES.split(","),
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE === "true", user: env.SMTP_USER, password: env.SMTP_PASSWORD }
      : undefined,
    mailFrom: env.MAIL_FROM,
    mailMaxAttempts: env.MAIL_MAX_ATTEMPTS,
    mailWorkerIntervalMs: env.MAIL_WORKER_INTERVAL_MS,
  };
}
